"""Chapters 03-05 (gmm_teach.checks.em_steps): the E-step, the M-step, the whole EM loop."""

MESSAGES = {
    # what the learner computes, for the guard's verdict ("... does not compute the {quantity} itself")
    "q_lse_rows": {
        "ja": "各行の log-sum-exp ",
        "en": "row-wise log-sum-exp",
    },
    "q_params": {
        "ja": "新しいパラメータ φ, μ, Σ ",
        "en": "new parameters φ, μ, Σ",
    },
    "q_em": {
        "ja": "EM の反復の結果（パラメータと対数尤度）",
        "en": "EM iterations (the parameters and the log-likelihoods)",
    },
    # hints: E-step
    "hint_forgot_phi": {
        "ja": "混合係数 φ が掛けられていないようである。負担率は φ_k N(x_n | μ_k, Σ_k) を k について正規化したものである。",
        "en": "The mixing weights φ seem to be missing. The responsibilities are φ_k N(x_n | μ_k, Σ_k), normalised over k.",
    },
    "hint_rows": {
        "ja": "負担率の各行の和が 1 になっていない（例えば行 {row} の和は {total}）。各行をその行の和で割ること: responsibilities / responsibilities.sum(axis=1, keepdims=True)。",
        "en": "The rows of the responsibilities do not sum to 1 (row {row} sums to {total}, for example). Divide each row by its sum: responsibilities / responsibilities.sum(axis=1, keepdims=True).",
    },
    "hint_rows_plain": {
        "ja": "負担率が正規化されていないようである。各行をその行の和で割り、行の和を 1 にすること。",
        "en": "The responsibilities do not seem to be normalised. Divide each row by its sum so that every row sums to 1.",
    },
    "hint_columns": {
        "ja": "各列の和が 1 になっている: データ点ごとではなく成分ごとに正規化しているようである。負担率は各データ点 x_n（各行）について k で和をとると 1 になる: sum(axis=1, keepdims=True) で割ること。",
        "en": "Each column sums to 1: the normalisation seems to be per component instead of per data point. For each data point x_n (each row) the responsibilities sum to 1 over k: divide by sum(axis=1, keepdims=True).",
    },
    "hint_total": {
        "ja": "全要素の和で割っているようである。各データ点 x_n（各行）ごとに、その行の和で割ること: sum(axis=1, keepdims=True)。",
        "en": "It looks like everything is divided by the sum of all elements. Divide each data point's row x_n by that row's sum: sum(axis=1, keepdims=True).",
    },
    "hint_returned_log_resp": {
        "ja": "負担率の対数を返しているようである。最後に np.exp をとること。",
        "en": "It looks like the log of the responsibilities is returned. Apply np.exp at the end.",
    },
    "hint_underflow": {
        "ja": "遠い点では φ_k N(x | μ_k, Σ_k) がすべて 0 にアンダーフローし、正規化で 0/0 = NaN になる。対数のまま a_k = log φ_k + log N(x | μ_k, Σ_k) を計算し、各行の最大値 m を引いてから exp をとって正規化すること（log-sum-exp）。",
        "en": "At a far-away point every φ_k N(x | μ_k, Σ_k) underflows to 0, and normalising gives 0/0 = NaN. Stay in log space: compute a_k = log φ_k + log N(x | μ_k, Σ_k), subtract each row's maximum m, then exp and normalise (log-sum-exp).",
    },
    "hint_e_step": {
        "ja": "負担率 γ_nk = φ_k N(x_n | μ_k, Σ_k) / Σ_j φ_j N(x_n | μ_j, Σ_j) の各部分を確かめよ。密度の部分は check_log_pdf / check_pdf で別に確かめられる。",
        "en": "Check each part of γ_nk = φ_k N(x_n | μ_k, Σ_k) / Σ_j φ_j N(x_n | μ_j, Σ_j). check_log_pdf / check_pdf test the density part on its own.",
    },
    # hints: M-step
    "hint_m_return": {
        "ja": "M ステップは (phi, mu, sigma) の 3 つを返す: return phi, mu, sigma。",
        "en": "The M-step returns three things: return phi, mu, sigma.",
    },
    "hint_phi_over_K": {
        "ja": "φ を K で割っているようである。φ_k = N_k / n であり、n はデータ点の数である。",
        "en": "φ seems to be divided by K. φ_k = N_k / n, where n is the number of data points.",
    },
    "hint_phi_not_divided": {
        "ja": "φ が N_k のままで、n で割られていない。φ_k = N_k / n である。",
        "en": "φ is left as N_k, not divided by n. φ_k = N_k / n.",
    },
    "hint_phi": {
        "ja": "混合係数は φ_k = N_k / n、N_k = Σ_n γ_nk（responsibilities.sum(axis=0)）である。",
        "en": "The mixing weights are φ_k = N_k / n with N_k = Σ_n γ_nk (responsibilities.sum(axis=0)).",
    },
    "hint_mu_not_divided": {
        "ja": "平均 μ_k が N_k で割られていない。μ_k = Σ_n γ_nk x_n / N_k である。",
        "en": "The means μ_k are not divided by N_k. μ_k = Σ_n γ_nk x_n / N_k.",
    },
    "hint_mu_over_n": {
        "ja": "平均 μ_k を n で割っているようである。割るのは N_k = Σ_n γ_nk である: μ_k = Σ_n γ_nk x_n / N_k。",
        "en": "The means μ_k seem to be divided by n. Divide by N_k = Σ_n γ_nk: μ_k = Σ_n γ_nk x_n / N_k.",
    },
    "hint_mu": {
        "ja": "平均は μ_k = Σ_n γ_nk x_n / N_k（responsibilities.T @ X / N_k[:, None]）である。",
        "en": "The means are μ_k = Σ_n γ_nk x_n / N_k (responsibilities.T @ X / N_k[:, None]).",
    },
    "hint_sigma_unbiased": {
        "ja": "共分散を N_k − 1 で割っている（不偏推定）ようである。M ステップは最尤推定なので N_k で割る: Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k。",
        "en": "The covariances seem to be divided by N_k − 1 (the unbiased estimate). The M-step is maximum likelihood, so divide by N_k: Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k.",
    },
    "hint_sigma_np_cov": {
        "ja": "np.cov は、aweights で重みを与えても既定では重みの和 N_k で割らず、不偏推定のように少し小さい数で割る（0/1 の重みなら N_k − 1）。M ステップは最尤推定なので N_k で割る。np.cov のドキュメントで割る数を決める引数を調べるか、Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k を直接計算すること。",
        "en": "Even with weights (aweights), np.cov does not divide by the sum of the weights N_k by default: like the unbiased estimate, it divides by a slightly smaller number (N_k − 1 for 0/1 weights). The M-step is maximum likelihood and divides by N_k. Look up which argument of np.cov sets the divisor in its documentation, or compute Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k directly.",
    },
    "hint_sigma_unweighted": {
        "ja": "共分散に負担率の重みがかかっていない（全データの共分散になっている）ようである。Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k である。",
        "en": "The covariances do not seem to be weighted by the responsibilities (they are the covariance of all the data). Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k.",
    },
    "hint_sigma_over_n": {
        "ja": "共分散を n で割っているようである。割るのは N_k である: Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k。",
        "en": "The covariances seem to be divided by n. Divide by N_k: Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k.",
    },
    "hint_sigma_not_divided": {
        "ja": "共分散が N_k で割られていない。Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k である。",
        "en": "The covariances are not divided by N_k. Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k.",
    },
    "hint_sigma_no_mean": {
        "ja": "x_n − μ_k ではなく x_n のまま外積をとっているようである。Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k である。",
        "en": "The outer products seem to use x_n instead of x_n − μ_k. Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k.",
    },
    "hint_sigma_gamma_twice": {
        "ja": "γ_nk を 2 回掛けているようである（diff の両側に重みを掛けた）。重みは片側だけに掛ける: (gamma[:, k, None] * diff).T @ diff / N_k[k]。",
        "en": "γ_nk seems to be applied twice (to both sides of diff). Weight one side only: (gamma[:, k, None] * diff).T @ diff / N_k[k].",
    },
    "hint_sigma": {
        "ja": "共分散は Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k である。新しい μ_k を使うこと。",
        "en": "The covariances are Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k, with the new μ_k.",
    },
    "hint_sigma_after_mu": {
        "ja": "Σ は μ を使って計算するので、まず μ を直すこと。",
        "en": "Σ is computed from μ, so fix μ first.",
    },
    # hints: the whole EM loop
    "hint_em_return": {
        "ja": "関数は (phi, mu, sigma, log_likelihoods) を返すこと（章の EM_GMM と同じ順の (phi, mu, sigma, responsibilities, log_likelihoods) でもよい）。",
        "en": "Return (phi, mu, sigma, log_likelihoods) (or, in the order of the chapter's EM_GMM, (phi, mu, sigma, responsibilities, log_likelihoods)).",
    },
    "hint_ll_length": {
        "ja": "ちょうど n_iter 回反復し、各反復の M ステップの後に対数尤度を 1 つずつ記録すること: for _ in range(n_iter): ...",
        "en": "Run exactly n_iter iterations and record one log-likelihood after each iteration's M-step: for _ in range(n_iter): ...",
    },
    "hint_em_stage_e": {
        "ja": "E ステップを見直すこと。{inner}",
        "en": "Look at the E-step. {inner}",
    },
    "hint_em_stage_m": {
        "ja": "M ステップを見直すこと。{inner}",
        "en": "Look at the M-step. {inner}",
    },
    "hint_em_loop": {
        "ja": "1 回の反復は正しいが、反復を重ねると参照実装とずれる。各反復で、直前の M ステップで更新したパラメータを E ステップに渡しているか確かめよ。",
        "en": "One iteration is right, but later iterations drift from the reference. Check that each E-step receives the parameters the previous M-step produced.",
    },
    "hint_em": {
        "ja": "E ステップと M ステップを check_e_step と check_m_step で 1 つずつ確かめるとよい。",
        "en": "Check the E-step and the M-step one at a time with check_e_step and check_m_step.",
    },
    "hint_ll_decreases": {
        "ja": "EM では対数尤度は反復ごとに減らないはずだが、反復 {t} で減っている。",
        "en": "EM never decreases the log-likelihood, but here it decreases at iteration {t}.",
    },
    "hint_ll_before": {
        "ja": "対数尤度を M ステップの前のパラメータ（E ステップで使ったもの）で計算しているようである。章のコードと同じく、M ステップで更新した新しいパラメータで計算すること。",
        "en": "The log-likelihood seems to be computed with the parameters before the M-step (those the E-step used). As in the chapter, compute it with the new parameters from the M-step.",
    },
    "hint_ll_mean": {
        "ja": "対数尤度をデータ点について平均しているようである。全データ点についての和 Σ_n log Σ_k φ_k N(x_n | μ_k, Σ_k) をとること。",
        "en": "The log-likelihood seems to be averaged over the data points. Take the sum over all points: Σ_n log Σ_k φ_k N(x_n | μ_k, Σ_k).",
    },
    "hint_ll_variant": {
        "ja": "対数尤度の計算を見直すこと。{inner}",
        "en": "Look at how the log-likelihood is computed. {inner}",
    },
    "hint_ll": {
        "ja": "パラメータは正しいが対数尤度が違う。対数尤度は全データ点についての和 Σ_n log Σ_k φ_k N(x_n | μ_k, Σ_k) であり、M ステップで更新した後のパラメータで計算する。",
        "en": "The parameters are right but the log-likelihoods are not. The log-likelihood is the sum over all points Σ_n log Σ_k φ_k N(x_n | μ_k, Σ_k), computed with the parameters after the M-step.",
    },
}
