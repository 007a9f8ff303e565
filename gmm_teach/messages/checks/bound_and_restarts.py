"""Chapters 06-08 shared (gmm_teach.checks._advanced) and chapters 07-08 (gmm_teach.checks.bound_and_restarts):
the lower bound, its increase, restarts, soft assignment."""

MESSAGES = {
    # shared
    "value_mismatch": {
        "ja": "{case} で{quantity}が参照実装と一致しない: {expected} であるべきところ {got} になっている。",
        "en": "In {case}, the {quantity} differs from the reference: it should be {expected} but is {got}.",
    },
    "not_a_number": {
        "ja": "{case} で 1 つの数ではなく {what} が返った。",
        "en": "In {case}, {what} came back instead of a single number.",
    },
    "q_bound": {
        "ja": "下界 L(q, θ) ",
        "en": "lower bound L(q, θ)",
    },
    "q_gain": {
        "ja": "下界の増分 (gain) ",
        "en": "gain in the bound",
    },
    "q_gap": {
        "ja": "ギャップ (gap) ",
        "en": "gap",
    },
    "q_parts": {
        "ja": "下界の増分とギャップ",
        "en": "gain and gap",
    },
    "q_best_run": {
        "ja": "再スタートの最良の結果",
        "en": "best of the restarts",
    },
    # the guard: what to do instead of calling gmm_teach's own function (the message itself is the framework's)
    "hint_guard_lower_bound": {
        "ja": "gt.lower_bound と gt.kl_divergence (L = ln p(X | θ) − KL) は、あなたの答えと比べる参照実装である。a = np.log(phi) + gt.log_pdf(X, mu, sigma) (形 (n, K)、gt.log_pdf は使ってよい) から、L(q, θ) = Σ_n Σ_k q_nk (a_nk − ln q_nk) を numpy で計算すること。",
        "en": "gt.lower_bound and gt.kl_divergence (L = ln p(X | θ) − KL) are what your answer is compared with. Compute L(q, θ) = Σ_n Σ_k q_nk (a_nk − ln q_nk) with numpy, from a = np.log(phi) + gt.log_pdf(X, mu, sigma) (shape (n, K); gt.log_pdf is allowed).",
    },
    "hint_guard_best_of_restarts": {
        "ja": "gt.fit_best_of は、この演習で書く処理そのものである。各シード s について gt.fit(X, K, init=\"random\", seed=s, reg_covar=0.0) を自分で呼び、gt.ComponentCollapseError を出したシードは飛ばして、最終の対数尤度が最も大きい結果を返すこと。",
        "en": "gt.fit_best_of does the very thing this exercise asks you to write. Call gt.fit(X, K, init=\"random\", seed=s, reg_covar=0.0) yourself for each seed s, skip the seeds that raise gt.ComponentCollapseError, and return the result with the largest final log-likelihood.",
    },
    "hint_guard_soft_assign": {
        "ja": "演習の指示どおり、gt.e_step は使わないこと。2 乗距離 ((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2) (形 (n, K)) から a = −d² / (2σ²) を作り、各行の最大値を引いてから exp をとり、各行の和で割る。",
        "en": "As the exercise says, do not use gt.e_step. From the squared distances ((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2) (shape (n, K)) form a = −d² / (2σ²), subtract each row's maximum, exponentiate and divide by each row's sum.",
    },
    # lower bound
    "correct_hard_q": {
        "ja": "0 を含む q (硬い割り当て) でも正しい値が得られている。",
        "en": "It also gives the right value for a q with zeros (a hard assignment).",
    },
    "almost_hard_q": {
        "ja": "通常の {count} 個のケースは正しいが、0 を含む q (各点を 1 つの成分に決め打ちする硬い割り当て) のケースで{what}。",
        "en": "The {count} ordinary cases are right, but in the case where q contains zeros (a hard assignment of each point to one component), {what}.",
    },
    "hint_sum_all": {
        "ja": "下界は n と k の両方について和をとった 1 つの数である: np.sum(q * (...)) のように全要素の和を返すこと。",
        "en": "The bound is one number, summed over both n and k: return the sum of all elements, as in np.sum(q * (...)).",
    },
    "hint_lb_no_entropy": {
        "ja": "−Σ q ln q の項が抜けているようである (返した値は Σ_n Σ_k q_nk ln φ_k N(x_n | μ_k, Σ_k))。下界は L(q, θ) = Σ_n Σ_k q_nk [ln φ_k N(x_n | μ_k, Σ_k) − ln q_nk] である。",
        "en": "The term −Σ q ln q seems to be missing (the value returned is Σ_n Σ_k q_nk ln φ_k N(x_n | μ_k, Σ_k)). The bound is L(q, θ) = Σ_n Σ_k q_nk [ln φ_k N(x_n | μ_k, Σ_k) − ln q_nk].",
    },
    "hint_lb_entropy_sign": {
        "ja": "ln q_nk の符号が逆のようである。L(q, θ) = Σ_n Σ_k q_nk [ln φ_k N(x_n | μ_k, Σ_k) − ln q_nk] であり、ln q_nk は引く。",
        "en": "The sign of ln q_nk seems to be flipped. L(q, θ) = Σ_n Σ_k q_nk [ln φ_k N(x_n | μ_k, Σ_k) − ln q_nk]: ln q_nk is subtracted.",
    },
    "hint_lb_forgot_phi": {
        "ja": "混合係数 φ が抜けているようである。分子は φ_k N(x_n | μ_k, Σ_k) であり、その対数は ln φ_k + ln N(x_n | μ_k, Σ_k) である。",
        "en": "The mixing weights φ seem to be missing. The numerator is φ_k N(x_n | μ_k, Σ_k), whose log is ln φ_k + ln N(x_n | μ_k, Σ_k).",
    },
    "hint_lb_log_likelihood": {
        "ja": "対数尤度 ln p(X | θ) を返しているようである。下界は q によって変わり、対数尤度と等しくなるのは q が負担率 γ に等しいときだけである。",
        "en": "This is the log-likelihood ln p(X | θ). The bound depends on q, and equals the log-likelihood only when q equals the responsibilities γ.",
    },
    "hint_lb_mean": {
        "ja": "データ点について平均しているようである。下界は n についての和である (n で割らない)。",
        "en": "It seems to be averaged over the data points. The bound is a sum over n (no division by n).",
    },
    "hint_lb_kl": {
        "ja": "KL ダイバージェンスを返しているようである。下界は L = ln p(X | θ) − KL である。",
        "en": "This is the KL divergence. The bound is L = ln p(X | θ) − KL.",
    },
    "hint_lb_neg_kl": {
        "ja": "ln φ_k N(x_n | μ_k, Σ_k) の代わりに負担率の対数 ln γ_nk を使っているようである (返した値は −KL)。分子は正規化する前の φ_k N(x_n | μ_k, Σ_k) である。",
        "en": "The log responsibilities ln γ_nk seem to be used in place of ln φ_k N(x_n | μ_k, Σ_k) (the value returned is −KL). The numerator is the unnormalised φ_k N(x_n | μ_k, Σ_k).",
    },
    "hint_lb": {
        "ja": "L(q, θ) = Σ_n Σ_k q_nk [ln φ_k + ln N(x_n | μ_k, Σ_k) − ln q_nk] の各部分を確かめよ。ln N には gt.log_pdf(X, mu, sigma) (形 (n, K)) が使える。",
        "en": "Check each part of L(q, θ) = Σ_n Σ_k q_nk [ln φ_k + ln N(x_n | μ_k, Σ_k) − ln q_nk]. gt.log_pdf(X, mu, sigma) gives ln N with shape (n, K).",
    },
    "hint_zero_q": {
        "ja": "q_nk = 0 の項では q_nk ln q_nk = 0 · (−∞) = NaN になる。q → 0 で q ln q → 0 となる極限に合わせて、その項を 0 とすること: np.where(q > 0, q * np.log(np.where(q > 0, q, 1.0)), 0.0) や scipy.special.xlogy(q, q)、あるいは q > 0 の要素だけで和をとる。",
        "en": "Where q_nk = 0, q_nk ln q_nk = 0 · (−∞) = NaN. Give such terms their limit, 0 (q ln q → 0 as q → 0): np.where(q > 0, q * np.log(np.where(q > 0, q, 1.0)), 0.0), scipy.special.xlogy(q, q), or sum over the elements with q > 0 only.",
    },
    # increase parts
    "correct_parts": {
        "ja": "ケース 3 の new は M ステップの結果ではないので下界の増分は負 (gain = {gain}) であるが、それでも gain + gap = Δ ln p が成り立つ。",
        "en": "In case 3, new is not the result of an M-step, so the bound falls (gain = {gain}); gain + gap = Δ ln p holds all the same.",
    },
    "returned_pair": {
        "ja": "{case} で 2 つの数の組 (gain, gap) ではなく {what} が返った。",
        "en": "In {case}, {what} came back instead of a pair of numbers (gain, gap).",
    },
    "hint_pair": {
        "ja": "return gain, gap のように、2 つの数を組にして返すこと。",
        "en": "Return the two numbers as a pair: return gain, gap.",
    },
    "hint_parts_q_new": {
        "ja": "gap が 0 になっている: q を new のもとで計算しているようである。q は E ステップの負担率、すなわち old のもとでの事後分布 γ = gt.e_step(X, old)[0] である。M ステップの後、この q と new のもとでの事後分布との間にギャップが開く。",
        "en": "The gap is 0: q seems to be computed under new. q is the E-step's responsibilities, the posterior under old: γ = gt.e_step(X, old)[0]. After the M-step a gap opens between this q and the posterior under new.",
    },
    "hint_parts_swapped": {
        "ja": "gain と gap が入れ替わっているようである。返す順は (gain, gap) である。",
        "en": "gain and gap seem to be swapped. Return them in the order (gain, gap).",
    },
    "hint_parts_total": {
        "ja": "gain として対数尤度の増分 ln p(X | new) − ln p(X | old) 全体を返しているようである。gain は q を固定したときの下界の増分 L(q, new) − L(q, old) であり、対数尤度の増分は gain + gap である。",
        "en": "The gain seems to be the whole increase of the log-likelihood, ln p(X | new) − ln p(X | old). The gain is the rise of the bound with q held fixed, L(q, new) − L(q, old); the log-likelihood rises by gain + gap.",
    },
    "hint_parts_kl_reversed": {
        "ja": "KL の向きが逆のようである。gap = KL(q ‖ p(Z | X, new)) = Σ_n Σ_k q_nk ln(q_nk / γ_nk^new) であり、重みは q である。",
        "en": "The KL seems to be the wrong way round. gap = KL(q ‖ p(Z | X, new)) = Σ_n Σ_k q_nk ln(q_nk / γ_nk^new), weighted by q.",
    },
    "hint_parts_kl_old": {
        "ja": "gap が 0 になっている: KL を old のもとでの事後分布と比べているようである。E ステップの直後なので KL(q ‖ p(Z | X, old)) = 0 である。M ステップの後のギャップは KL(q ‖ p(Z | X, new)) である。",
        "en": "The gap is 0: the KL seems to compare q with the posterior under old. Right after the E-step KL(q ‖ p(Z | X, old)) = 0; the gap after the M-step is KL(q ‖ p(Z | X, new)).",
    },
    "hint_parts_gap_sign": {
        "ja": "gap の符号が逆のようである。KL ダイバージェンスは 0 以上である: gap = Σ_n Σ_k q_nk (ln q_nk − ln γ_nk^new)。",
        "en": "The sign of the gap seems to be flipped. A KL divergence is never negative: gap = Σ_n Σ_k q_nk (ln q_nk − ln γ_nk^new).",
    },
    "hint_parts": {
        "ja": "q = gt.e_step(X, old)[0] として、gain = L(q, new) − L(q, old)、gap = KL(q ‖ p(Z | X, new)) である。gt.lower_bound(X, params, q) と gt.kl_divergence(X, params, q) が使える。",
        "en": "With q = gt.e_step(X, old)[0]: gain = L(q, new) − L(q, old) and gap = KL(q ‖ p(Z | X, new)). gt.lower_bound(X, params, q) and gt.kl_divergence(X, params, q) compute these.",
    },
    # best of restarts
    "returned_result": {
        "ja": "{case} で EMResult ではなく {what} が返った。",
        "en": "In {case}, {what} came back instead of an EMResult.",
    },
    "hint_return_result": {
        "ja": "gt.fit が返した EMResult (最終の対数尤度が最も大きいもの) をそのまま返すこと。",
        "en": "Return the EMResult that gt.fit returned (the one with the largest final log-likelihood), as it is.",
    },
    "restarts_mismatch": {
        "ja": "{case} で返した結果の最終の対数尤度は {got} であるが、成功したシードの中で最大の値は {best} (シード {seed}) である。",
        "en": "In {case}, the returned result has final log-likelihood {got}, but the best of the successful seeds is {best} (seed {seed}).",
    },
    "restarts_not_random": {
        "ja": "{case} で返った結果の最終の対数尤度は最良の値と一致するが、その実行は seeds のどのシード s についても gt.fit(X, K, init=\"random\", seed=s) の初期値から始まっていない。",
        "en": "In {case}, the returned result has the best final log-likelihood, but its run did not start where gt.fit(X, K, init=\"random\", seed=s) starts for any seed s of seeds.",
    },
    "restarts_collapse": {
        "ja": "{case} でシード {seed} の実行が ComponentCollapseError を出し、関数が止まった。",
        "en": "In {case}, the run with seed {seed} raised ComponentCollapseError and the function stopped.",
    },
    "hint_restarts_catch": {
        "ja": "成分がつぶれたシードでは gt.fit が gt.ComponentCollapseError を出す。try: ... except gt.ComponentCollapseError: continue として、そのシードを飛ばすこと。",
        "en": "For a seed whose run collapses, gt.fit raises gt.ComponentCollapseError. Skip that seed: try: ... except gt.ComponentCollapseError: continue.",
    },
    "hint_restarts_min": {
        "ja": "対数尤度が最も小さい結果を返しているようである。最大のものを選ぶこと (max と min、> と < を確かめよ)。",
        "en": "The result with the smallest log-likelihood seems to be returned. Choose the largest (check max against min, > against <).",
    },
    "hint_restarts_first": {
        "ja": "最初に成功したシードの結果を返しているようである。すべてのシードを試し、最終の対数尤度 result.log_likelihoods[-1] が最大の結果を返すこと。",
        "en": "The result of the first successful seed seems to be returned. Try every seed and return the result whose final log-likelihood result.log_likelihoods[-1] is largest.",
    },
    "hint_restarts_last": {
        "ja": "最後に成功したシードの結果を返しているようである。これまでの最良の結果を覚えておき、より良い結果が出たときだけ置き換えること。",
        "en": "The result of the last successful seed seems to be returned. Keep the best result so far and replace it only when a better one comes.",
    },
    "hint_restarts_higher": {
        "ja": "どのシードの正しい実行よりも大きい対数尤度である。reg_covar=0.0 以外で推定していないか確かめよ。reg_covar > 0 では、つぶれるはずの実行が 1 点に張りついた成分のまま終わり、見かけ上大きな対数尤度を持つ。",
        "en": "This log-likelihood is higher than that of every allowed run. Check that every fit uses reg_covar=0.0: with reg_covar > 0 a run that would collapse ends with a component stuck on a point, and a deceptively high log-likelihood.",
    },
    "hint_restarts_settings": {
        "ja": "各シード s について gt.fit(X, K, init=\"random\", seed=s, reg_covar=0.0) を実行すること (他の引数は既定値のまま)。",
        "en": "For each seed s run gt.fit(X, K, init=\"random\", seed=s, reg_covar=0.0) (the other arguments at their defaults).",
    },
    "correct_restarts": {
        "ja": "つぶれたシード (ケース 1 ではシード {seeds}) を飛ばし、最良の結果を選べている。",
        "en": "It skips the seeds that collapse (seeds {seeds} in case 1) and picks the best result.",
    },
    # soft assign
    "correct_small_sigma": {
        "ja": "σ = {sigma} という小さな σ でも NaN を出さない。",
        "en": "It gives no NaN even for a small σ = {sigma}.",
    },
    "almost_small_sigma": {
        "ja": "通常の {count} 個のケースは正しいが、σ = {sigma} のケースで{what}。",
        "en": "The {count} ordinary cases are right, but in the case with σ = {sigma}, {what}.",
    },
    "hint_small_sigma": {
        "ja": "σ が小さいと exp(−‖x_n − μ_k‖² / (2σ²)) はすべて 0 にアンダーフローし、正規化で 0/0 = NaN になる。対数のまま a_nk = −‖x_n − μ_k‖² / (2σ²) を計算し、各行の最大値を引いてから exp をとること (log-sum-exp、03 章)。",
        "en": "For a small σ every exp(−‖x_n − μ_k‖² / (2σ²)) underflows to 0 and the normalisation gives 0/0 = NaN. Work with the logs a_nk = −‖x_n − μ_k‖² / (2σ²), subtract each row's maximum and only then exponentiate (log-sum-exp, chapter 03).",
    },
    "hint_soft_no_half": {
        "ja": "指数の 1/2 が抜けているようである: γ_nk ∝ exp(−‖x_n − μ_k‖² / (2σ²))。",
        "en": "The 1/2 in the exponent seems to be missing: γ_nk ∝ exp(−‖x_n − μ_k‖² / (2σ²)).",
    },
    "hint_soft_sigma_not_squared": {
        "ja": "σ² ではなく σ で割っているようである: γ_nk ∝ exp(−‖x_n − μ_k‖² / (2σ²))。",
        "en": "It seems to divide by σ instead of σ²: γ_nk ∝ exp(−‖x_n − μ_k‖² / (2σ²)).",
    },
    "hint_soft_distance_not_squared": {
        "ja": "距離を 2 乗していないようである。指数には 2 乗距離 ‖x_n − μ_k‖² = Σ_i (x_ni − μ_ki)² が入る。",
        "en": "The distance does not seem to be squared. The exponent holds the squared distance ‖x_n − μ_k‖² = Σ_i (x_ni − μ_ki)².",
    },
    "hint_soft_hard": {
        "ja": "硬い割り当て (最も近い平均に 1) を返しているようである。それは σ → 0 の極限である。ここでは与えられた σ での負担率 γ_nk ∝ exp(−‖x_n − μ_k‖² / (2σ²)) を返すこと。",
        "en": "A hard assignment (1 for the nearest mean) seems to be returned. That is the limit σ → 0; here return the responsibilities at the given σ, γ_nk ∝ exp(−‖x_n − μ_k‖² / (2σ²)).",
    },
    "hint_soft_sign": {
        "ja": "指数の符号が逆のようである。遠い平均ほど負担率が小さくなる: exp(−‖x_n − μ_k‖² / (2σ²))。",
        "en": "The sign of the exponent seems to be flipped. A farther mean gets a smaller responsibility: exp(−‖x_n − μ_k‖² / (2σ²)).",
    },
    "hint_soft_rows": {
        "ja": "各行の和が 1 になっていない (行 {row} の和は {total})。各点 (各行) ごとに k について正規化すること。",
        "en": "The rows do not sum to 1 (row {row} sums to {total}). Normalise over k for each point (each row).",
    },
    "hint_soft_columns": {
        "ja": "各列の和が 1 になっている: 成分ごとに正規化しているようである。各点 (各行) について k で和をとると 1 になるよう、sum(axis=1, keepdims=True) で割ること。",
        "en": "Each column sums to 1: the normalisation seems to be per component. Each point's responsibilities (each row) must sum to 1 over k: divide by sum(axis=1, keepdims=True).",
    },
    "hint_soft_log": {
        "ja": "負担率の対数を返しているようである。最後に np.exp をとること。",
        "en": "The log responsibilities seem to be returned. Apply np.exp at the end.",
    },
    "hint_soft": {
        "ja": "負担率は γ_nk = exp(−‖x_n − μ_k‖² / (2σ²)) / Σ_j exp(−‖x_n − μ_j‖² / (2σ²)) である (混合係数はすべて 1/K、Σ_k = σ² I なので、それ以外の因子は打ち消し合う)。2 乗距離は ((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2) で形 (n, K) になる。",
        "en": "The responsibilities are γ_nk = exp(−‖x_n − μ_k‖² / (2σ²)) / Σ_j exp(−‖x_n − μ_j‖² / (2σ²)) (the weights are all 1/K and Σ_k = σ² I, so every other factor cancels). ((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2) gives the squared distances, shape (n, K).",
    },
}
