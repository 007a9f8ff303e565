"""Chapter 11 (gmm_teach.checks.variational): the updates of the variational Bayesian Gaussian mixture."""

MESSAGES = {
    # quantities
    "q_vb_dirichlet": {
        "ja": "ディリクレ分布のパラメータと混合係数の期待値",
        "en": "Dirichlet parameters and expected mixing coefficients",
    },
    "q_vb_alpha": {
        "ja": "パラメータ α ",
        "en": "parameters α",
    },
    "q_vb_phi": {
        "ja": "混合係数の期待値 E[φ] ",
        "en": "expected mixing coefficients E[φ]",
    },
    "q_vb_elogphi": {
        "ja": "期待値 E[ln φ] ",
        "en": "expectations E[ln φ]",
    },
    "q_vb_mean": {
        "ja": "パラメータ β と平均 m ",
        "en": "parameters β and means m",
    },
    "q_vb_beta": {
        "ja": "パラメータ β ",
        "en": "parameters β",
    },
    "q_vb_m": {
        "ja": "平均 m ",
        "en": "means m",
    },
    # calling
    "args_dirichlet_posterior": {
        "ja": "alpha0 は数 (float)、N_k は形 (K,) の配列",
        "en": "alpha0 a number (a float), N_k an array of shape (K,)",
    },
    "args_expected_log_phi": {
        "ja": "alpha は形 (K,) の配列",
        "en": "alpha an array of shape (K,)",
    },
    "args_gaussian_wishart_mean": {
        "ja": "beta0 は数 (float)、m0 は形 (d,)、N_k は (K,)、x_bar は (K, d) の配列",
        "en": "beta0 a number (a float), m0 of shape (d,), N_k (K,), x_bar (K, d)",
    },
    # exercise 1: the Dirichlet factor
    "hint_dir_return": {
        "ja": "return alpha, expected_phi のように、形 (K,) の配列を 2 つこの順に並べて返すこと。",
        "en": "Return two arrays of shape (K,) in this order: return alpha, expected_phi.",
    },
    "hint_dir_alpha": {
        "ja": "事後分布 Dir(φ | α) のパラメータは α_k = α0 + N_k である。事前分布の α0 を各成分に 1 回ずつ足すこと。",
        "en": "The posterior Dirichlet parameter is α_k = α0 + N_k: add the prior's α0 once to every component.",
    },
    "hint_dir_phi": {
        "ja": "ディリクレ分布 Dir(φ | α) の平均は E[φ_k] = α_k / Σ_j α_j である。",
        "en": "The mean of a Dirichlet distribution Dir(φ | α) is E[φ_k] = α_k / Σ_j α_j.",
    },
    "hint_dir_no_alpha0": {
        "ja": "事前分布の α0 を足し忘れているようである。α_k = α0 + N_k であり、データがほとんど来ない成分でも α_k は α0 より小さくならない。E[φ_k] も α_k から計算する。",
        "en": "The prior's α0 seems to be missing: α_k = α0 + N_k, so even a component that receives almost no data keeps α_k ≥ α0. Compute E[φ_k] from α_k as well.",
    },
    "hint_dir_minus_one": {
        "ja": "α_k が α0 − 1 + N_k になっているようである。α0 − 1 + N_k は事後分布の密度における φ_k の指数であり、指数は α_k − 1 なので、パラメータは α_k = α0 + N_k である。",
        "en": "α_k seems to be α0 − 1 + N_k. That is the exponent of φ_k in the posterior density, and the exponent is α_k − 1, so the parameter is α_k = α0 + N_k.",
    },
    "hint_dir_ml_phi": {
        "ja": "E[φ_k] に最尤推定の N_k / N を使っているようである。変分ベイズでは φ の事後分布 Dir(φ | α) の平均 E[φ_k] = α_k / Σ_j α_j を返す。α0 の分だけ値が変わる。",
        "en": "E[φ_k] seems to be the maximum-likelihood estimate N_k / N. Variational Bayes returns the mean of the posterior Dir(φ | α), E[φ_k] = α_k / Σ_j α_j, which α0 shifts.",
    },
    "hint_dir_mode": {
        "ja": "E[φ_k] にディリクレ分布の最頻値 (α_k − 1) / (Σ_j α_j − K) を使っているようである (これは MAP 推定の値である)。求めるのは平均 α_k / Σ_j α_j である。α_k < 1 では最頻値は負にさえなる。",
        "en": "E[φ_k] seems to be the mode of the Dirichlet, (α_k − 1) / (Σ_j α_j − K) (the MAP estimate). What is asked for is the mean, α_k / Σ_j α_j; for α_k < 1 the mode is not even positive.",
    },
    "hint_dir_unnormalised": {
        "ja": "E[φ_k] として α_k をそのまま返しているようである。α_k を総和 Σ_j α_j で割ると、和が 1 の混合係数になる。",
        "en": "E[φ_k] seems to be α_k itself. Divide α_k by the total Σ_j α_j to get mixing coefficients that sum to 1.",
    },
    "hint_dir_sum_one_alpha0": {
        "ja": "E[φ_k] の分母が α0 + N になっているようである。α0 は K 個の成分それぞれに足されるので、Σ_j α_j = K α0 + N である。",
        "en": "The denominator of E[φ_k] seems to be α0 + N. α0 is added to each of the K components, so Σ_j α_j = K α0 + N.",
    },
    # exercise 2: E[ln φ_k]
    "hint_elp": {
        "ja": "E[ln φ_k] = ψ(α_k) − ψ(Σ_j α_j) である。ψ はディガンマ関数 (scipy.special.digamma) である。",
        "en": "E[ln φ_k] = ψ(α_k) − ψ(Σ_j α_j), where ψ is the digamma function (scipy.special.digamma).",
    },
    "hint_elp_log_mean": {
        "ja": "ln(α_k / Σ_j α_j)、つまり平均の対数 ln E[φ_k] を返しているようである。ln は凹関数なので E[ln φ_k] < ln E[φ_k] であり、期待値は ψ(α_k) − ψ(Σ_j α_j) である (scipy.special.digamma)。差は α_k が小さい成分ほど大きい。",
        "en": "The answer seems to be ln(α_k / Σ_j α_j), the logarithm of the mean, ln E[φ_k]. Since ln is concave, E[ln φ_k] < ln E[φ_k]; the expectation is ψ(α_k) − ψ(Σ_j α_j) (scipy.special.digamma). The gap is largest where α_k is small.",
    },
    "hint_elp_no_sum": {
        "ja": "ψ(α_k) だけを返しているようである。E[ln φ_k] = ψ(α_k) − ψ(Σ_j α_j) であり、総和の項 ψ(Σ_j α_j) を引くこと。",
        "en": "The answer seems to be ψ(α_k) alone. E[ln φ_k] = ψ(α_k) − ψ(Σ_j α_j): subtract the term of the total, ψ(Σ_j α_j).",
    },
    "hint_elp_log_sum": {
        "ja": "ψ(α_k) − ln(Σ_j α_j) になっているようである。総和の項にもディガンマ関数を使い、ψ(Σ_j α_j) を引くこと。",
        "en": "The answer seems to be ψ(α_k) − ln(Σ_j α_j). Use the digamma function for the total as well: subtract ψ(Σ_j α_j).",
    },
    "hint_elp_sum_psi": {
        "ja": "Σ_j ψ(α_j) を引いているようである。引くのは総和のディガンマ関数 ψ(Σ_j α_j) であり、ディガンマ関数の総和ではない。",
        "en": "The answer seems to subtract Σ_j ψ(α_j). Subtract the digamma of the total, ψ(Σ_j α_j), not the total of the digammas.",
    },
    "hint_elp_psi_of_mean": {
        "ja": "ψ(α_k / Σ_j α_j) になっているようである。ψ は α_k と Σ_j α_j に別々に当て、差をとる: ψ(α_k) − ψ(Σ_j α_j)。",
        "en": "The answer seems to be ψ(α_k / Σ_j α_j). Apply ψ to α_k and to Σ_j α_j separately and take the difference: ψ(α_k) − ψ(Σ_j α_j).",
    },
    # exercise 3: the mean of the Gaussian-Wishart factor
    "hint_gw_return": {
        "ja": "return beta, m のように、形 (K,) の beta と形 (K, d) の m をこの順に並べて返すこと。",
        "en": "Return beta of shape (K,) and m of shape (K, d), in this order: return beta, m.",
    },
    "hint_gw_beta": {
        "ja": "β_k = β0 + N_k である。事前分布の β0 は「平均の事前分布が何点分のデータに当たるか」を表す。",
        "en": "β_k = β0 + N_k. The prior's β0 says how many data points the prior on the mean is worth.",
    },
    "hint_gw_m": {
        "ja": "m_k = (β0 m0 + N_k x̄_k) / β_k である。事前分布の平均 m0 とデータの平均 x̄_k を、重み β0 と N_k で平均する。",
        "en": "m_k = (β0 m0 + N_k x̄_k) / β_k: the prior mean m0 and the data mean x̄_k averaged with the weights β0 and N_k.",
    },
    "hint_gw_no_prior_mean": {
        "ja": "分子の β0 m0 を忘れているようである。m_k = (β0 m0 + N_k x̄_k) / β_k であり、データがほとんど来ない成分の m_k は事前分布の平均 m0 に近づく。",
        "en": "The term β0 m0 in the numerator seems to be missing. m_k = (β0 m0 + N_k x̄_k) / β_k, so the m_k of a component that receives almost no data stays near the prior mean m0.",
    },
    "hint_gw_divide_N": {
        "ja": "m_k を N_k で割っているようである。分子は β0 m0 + N_k x̄_k なので、重みの和 β_k = β0 + N_k で割る。N_k で割ると、空に近い成分の m_k が遠くへ飛ぶ。",
        "en": "m_k seems to be divided by N_k. The numerator is β0 m0 + N_k x̄_k, so divide by the sum of the weights, β_k = β0 + N_k; dividing by N_k throws the m_k of a nearly empty component far away.",
    },
    "hint_gw_no_beta0": {
        "ja": "β_k に事前分布の β0 を足し忘れているようである。β_k = β0 + N_k であり、m_k もこの β_k で割る。",
        "en": "The prior's β0 seems to be missing from β_k. β_k = β0 + N_k, and m_k is divided by this β_k as well.",
    },
    "hint_gw_ml_mean": {
        "ja": "m_k としてデータの平均 x̄_k (最尤推定) を返しているようである。事後分布の平均は事前分布の m0 へ引き寄せられる: m_k = (β0 m0 + N_k x̄_k) / β_k。",
        "en": "m_k seems to be the data mean x̄_k (the maximum-likelihood estimate). The posterior mean is pulled towards the prior's m0: m_k = (β0 m0 + N_k x̄_k) / β_k.",
    },
    "hint_gw_unweighted_xbar": {
        "ja": "分子の x̄_k に N_k が掛かっていないようである。x̄_k は N_k 点分のデータの平均なので、重み N_k を掛けて β0 m0 + N_k x̄_k とする。",
        "en": "x̄_k in the numerator seems to lack its weight N_k. x̄_k is the mean of N_k points' worth of data: the numerator is β0 m0 + N_k x̄_k.",
    },
    "hint_gw_average": {
        "ja": "m0 と x̄_k を同じ重みで平均しているようである。重みは β0 と N_k であり、データが多いほど x̄_k に近づく: m_k = (β0 m0 + N_k x̄_k) / β_k。",
        "en": "m0 and x̄_k seem to be averaged with equal weights. The weights are β0 and N_k, so the more data, the closer to x̄_k: m_k = (β0 m0 + N_k x̄_k) / β_k.",
    },
    # the guard: what to do instead of calling gmm_teach's own function (the message itself is the framework's)
    "hint_guard_dirichlet_posterior": {
        "ja": "gt.fit_variational と gmm_teach.variational の関数は、あなたの答えと比べる参照実装である。α_k = α0 + N_k と E[φ_k] = α_k / Σ_j α_j を numpy で計算すること。",
        "en": "gt.fit_variational and the functions of gmm_teach.variational are what your answer is compared with. Compute α_k = α0 + N_k and E[φ_k] = α_k / Σ_j α_j with numpy.",
    },
    "hint_guard_expected_log_phi": {
        "ja": "gt.fit_variational と gmm_teach.variational の関数は、あなたの答えと比べる参照実装である。scipy.special.digamma を使って ψ(α_k) − ψ(Σ_j α_j) を計算すること。",
        "en": "gt.fit_variational and the functions of gmm_teach.variational are what your answer is compared with. Compute ψ(α_k) − ψ(Σ_j α_j) with scipy.special.digamma.",
    },
    "hint_guard_gaussian_wishart_mean": {
        "ja": "gt.fit_variational と gmm_teach.variational の関数は、あなたの答えと比べる参照実装である。β_k = β0 + N_k と m_k = (β0 m0 + N_k x̄_k) / β_k を numpy で計算すること。",
        "en": "gt.fit_variational and the functions of gmm_teach.variational are what your answer is compared with. Compute β_k = β0 + N_k and m_k = (β0 m0 + N_k x̄_k) / β_k with numpy.",
    },
}
