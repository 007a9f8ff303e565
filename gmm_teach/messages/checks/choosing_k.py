"""Chapters 09-10 (gmm_teach.checks.choosing_k): parameter counts, BIC and AIC, scikit-learn's covariance shapes."""

MESSAGES = {
    "count_mismatch": {
        "ja": "{case} で {got} が返ったが、正しいパラメータ数は {expected} である。",
        "en": "In {case}, the function returned {got}, but the number of free parameters is {expected}.",
    },
    "not_integer": {
        "ja": "{case} で整数でない値 {got} が返った。",
        "en": "In {case}, the function returned {got}, which is not a whole number.",
    },
    "hint_not_integer": {
        "ja": "パラメータの数は整数である。d(d + 1)/2 は d * (d + 1) // 2 と書けば整数のまま計算できる。",
        "en": "A number of parameters is an integer. Write d(d + 1)/2 as d * (d + 1) // 2 to stay with integers.",
    },
    "not_int_type": {
        "ja": "{case} で {got} が返った。パラメータの数は整数であるが、返った値の型は {type} である。",
        "en": "In {case}, the function returned {got}, of type {type}; a number of parameters is an integer.",
    },
    "hint_int_type": {
        "ja": "パラメータの数は整数 (int) である。/ で割ると結果は 3.0 のような浮動小数点数になる: d * (d + 1) // 2 のように // を使うこと (最後に int(...) で変換してもよい)。",
        "en": "A number of parameters is an integer (an int). Dividing with / gives a float such as 3.0: use // as in d * (d + 1) // 2 (or convert the result with int(...)).",
    },
    "scalar_expected": {
        "ja": "{case} で 1 つの数を期待したが、形 {got} の配列が返った。",
        "en": "In {case}, one number was expected but an array of shape {got} came back.",
    },
    "hint_scalar_expected": {
        "ja": "パラメータの数を 1 つの整数として返すこと（例えば return (K - 1) + ...）。",
        "en": "Return the count as one integer (for example return (K - 1) + ...).",
    },
    "ic_mismatch": {
        "ja": "{case} で {which} が一致しない: {expected} であるべきところ {got} になっている。",
        "en": "In {case}, the {which} differs: it should be {expected} but is {got}.",
    },
    "hint_ic_return": {
        "ja": "return bic, aic のように、BIC と AIC をこの順に 2 つ並べて返すこと。",
        "en": "Return the two values in this order: return bic, aic.",
    },
    "cov_mismatch": {
        "ja": "{case} で共分散行列が一致しない: 要素 {index} は {expected} であるべきところ {got} になっている。",
        "en": "In {case}, the covariance matrices differ: element {index} should be {expected} but is {got}.",
    },
    "cov_shape": {
        "ja": "{case} で形 {expected} の配列を期待したが、形 {got} が返った。",
        "en": "In {case}, an array of shape {expected} was expected but the shape is {got}.",
    },
    "q_count": {
        "ja": "パラメータの数",
        "en": "number of parameters",
    },
    "q_ic": {
        "ja": "BIC と AIC ",
        "en": "BIC and AIC",
    },
    "q_full_cov": {
        "ja": "形 (K, d, d) の共分散行列",
        "en": "covariance matrices of shape (K, d, d)",
    },
    # the guard: what to do instead of calling gmm_teach's own function (the message itself is the framework's)
    "hint_guard_n_parameters": {
        "ja": "gt.n_parameters は、あなたの答えと比べる参照実装である。混合係数 (K − 1)、平均 (K d)、共分散行列 (K d(d + 1)/2) の数を自分で数えて足すこと。",
        "en": "gt.n_parameters is what your answer is compared with. Count the parameters yourself and add them up: weights (K − 1), means (K d), covariances (K d(d + 1)/2).",
    },
    "hint_guard_n_parameters_by_type": {
        "ja": "演習の指示どおり、gt.n_parameters は使わないこと。混合係数 (K − 1) と平均 (K d) に、型ごとの共分散の数 (full: K d(d + 1)/2、diag: K d、spherical: K、tied: d(d + 1)/2) を足す。",
        "en": "As the exercise says, do not use gt.n_parameters. Add to the weights (K − 1) and the means (K d) the covariance count of the type (full: K d(d + 1)/2, diag: K d, spherical: K, tied: d(d + 1)/2).",
    },
    "hint_guard_information_criteria": {
        "ja": "演習の指示どおり、gt.bic と gt.aic は使わないこと。ln L̂ = gt.log_likelihood(X, params) は使ってよい。BIC = −2 ln L̂ + p ln n、AIC = −2 ln L̂ + 2p を自分で計算すること。",
        "en": "As the exercise says, do not use gt.bic or gt.aic. ln L̂ = gt.log_likelihood(X, params) is allowed: compute BIC = −2 ln L̂ + p ln n and AIC = −2 ln L̂ + 2p yourself.",
    },
    # hints: counting parameters
    "hint_weights_K": {
        "ja": "混合係数を K 個と数えているようである。φ は和が 1 という制約があるので、自由に選べるのは K − 1 個である。",
        "en": "The mixing weights seem to be counted as K. They sum to 1, so only K − 1 of them are free.",
    },
    "hint_no_weights": {
        "ja": "混合係数 φ を数え忘れているようである。φ の自由なパラメータは K − 1 個である。",
        "en": "The mixing weights φ seem to be missing. They contribute K − 1 free parameters.",
    },
    "hint_no_means": {
        "ja": "K d 個足りない。平均 μ（各成分に d 個、合わせて K d 個）か、共分散行列の対角要素である分散（これも合わせて K d 個）を数え忘れているようである。",
        "en": "K d parameters are missing: either the means μ (d per component, K d in all) or the diagonals of the covariances, the variances (also K d in all).",
    },
    "hint_cov_d2": {
        "ja": "共分散行列を d² 個と数えているようである。Σ_k は対称行列 (Σ_ij = Σ_ji) なので、自由な要素は対角の d 個と上三角の d(d − 1)/2 個、合わせて d(d + 1)/2 個である。",
        "en": "Each covariance seems to be counted as d² numbers. Σ_k is symmetric (Σ_ij = Σ_ji): its free entries are the d on the diagonal and the d(d − 1)/2 above it, d(d + 1)/2 in all.",
    },
    "hint_cov_diag_only": {
        "ja": "共分散行列の対角要素だけを数えているようである。full の Σ_k は非対角要素 (共分散) も自由で、d(d + 1)/2 個の要素をもつ。",
        "en": "Only the diagonal of each covariance seems to be counted. A full Σ_k has free off-diagonal entries too: d(d + 1)/2 in all.",
    },
    "hint_count": {
        "ja": "自由なパラメータは 混合係数 (K − 1) + 平均 (K d) + 共分散行列 (K d(d + 1)/2) である。1 つずつ確かめよ。",
        "en": "The free parameters are: weights (K − 1) + means (K d) + covariances (K d(d + 1)/2). Check each part.",
    },
    "hint_tied_per_component": {
        "ja": "tied の共分散行列を成分ごとに数えているようである。tied ではすべての成分が 1 つの Σ を共有するので、共分散の部分は K に依らず d(d + 1)/2 個である。",
        "en": "The tied covariance seems to be counted once per component. With \"tied\" every component shares one Σ, so the covariances contribute d(d + 1)/2, whatever K is.",
    },
    "hint_tied_diag": {
        "ja": "tied の共分散行列を対角行列として数えているようである。共有される Σ は full の行列で、d(d + 1)/2 個の自由な要素をもつ。",
        "en": "The tied covariance seems to be counted as a diagonal matrix. The shared Σ is a full matrix with d(d + 1)/2 free entries.",
    },
    "hint_spherical_d": {
        "ja": "spherical を成分ごとに d 個と数えているようである。spherical の Σ_k = s_k² I は成分ごとに 1 つの数 s_k² だけで決まる。",
        "en": "\"spherical\" seems to be counted as d per component. Its Σ_k = s_k² I is fixed by one number s_k² per component.",
    },
    "hint_spherical_one": {
        "ja": "spherical の分散を全体で 1 個と数えているようである。s_k² は成分ごとに別の値なので K 個ある。",
        "en": "\"spherical\" seems to be counted as one variance in all. Each component has its own s_k²: K of them.",
    },
    "hint_diag_full": {
        "ja": "diag を full と同じく d(d + 1)/2 個と数えているようである。対角行列の自由な要素は対角の d 個だけである。",
        "en": "\"diag\" seems to be counted like \"full\", d(d + 1)/2 per component. A diagonal matrix has only its d diagonal entries free.",
    },
    "hint_type_unknown": {
        "ja": "covariance_type = \"{covariance_type}\" の場合を見直すこと。共分散の部分は full: K d(d + 1)/2、diag: K d、spherical: K、tied: d(d + 1)/2 である。",
        "en": "Look again at covariance_type = \"{covariance_type}\". The covariances contribute full: K d(d + 1)/2, diag: K d, spherical: K, tied: d(d + 1)/2.",
    },
    # hints: BIC and AIC
    "hint_ic_sign": {
        "ja": "対数尤度の符号が逆のようである。BIC = −2 ln L̂ + p ln n、AIC = −2 ln L̂ + 2p であり、当てはまりが良いほど値は小さくなる。",
        "en": "The sign of the log-likelihood seems reversed. BIC = −2 ln L̂ + p ln n and AIC = −2 ln L̂ + 2p: a better fit gives a smaller value.",
    },
    "hint_ic_no_two": {
        "ja": "対数尤度に −2 ではなく −1 を掛けているようである。BIC = −2 ln L̂ + p ln n、AIC = −2 ln L̂ + 2p である。",
        "en": "The log-likelihood seems to be multiplied by −1 instead of −2. BIC = −2 ln L̂ + p ln n, AIC = −2 ln L̂ + 2p.",
    },
    "hint_ic_half": {
        "ja": "BIC と AIC を 1/2 倍した値になっている（−ln L̂ + (p/2) ln n など）。この教材と scikit-learn は −2 ln L̂ + ... の形を使う。",
        "en": "Both values are half of the expected ones (−ln L̂ + (p/2) ln n and so on). This course and scikit-learn use the form −2 ln L̂ + ...",
    },
    "hint_ic_mean": {
        "ja": "1 点あたりの平均対数尤度を使っているようである。ln L̂ は全データ点についての和 Σ_n ln p(x_n) である（scikit-learn の score は平均なので n 倍する）。",
        "en": "The mean log-likelihood per point seems to be used. ln L̂ is the sum over all points, Σ_n ln p(x_n) (scikit-learn's score is the mean: multiply it by n).",
    },
    "hint_ic_log10": {
        "ja": "常用対数 log10 を使っているようである。BIC の罰則は自然対数 p ln n（np.log(n)）である。",
        "en": "log10 seems to be used. The BIC penalty is p ln n with the natural logarithm, np.log(n).",
    },
    "hint_ic_log_d": {
        "ja": "罰則の対数の中身が違うようである。BIC の罰則 p ln n の n はデータ点の数 X.shape[0] である。",
        "en": "The logarithm in the penalty seems to be taken of the wrong number. In p ln n, n is the number of data points, X.shape[0].",
    },
    "hint_ic_swapped": {
        "ja": "BIC と AIC が入れ替わっているようである。(bic, aic) の順に返すこと。",
        "en": "BIC and AIC seem to be swapped. Return them in the order (bic, aic).",
    },
    "hint_ic_bic_2p": {
        "ja": "BIC の罰則に 2p を使っているようである。それは AIC の罰則であり、BIC の罰則は p ln n である。",
        "en": "The BIC seems to use the penalty 2p. That is AIC's penalty; BIC's is p ln n.",
    },
    "hint_ic_aic_logn": {
        "ja": "AIC の罰則に p ln n を使っているようである。それは BIC の罰則であり、AIC の罰則は 2p である。",
        "en": "The AIC seems to use the penalty p ln n. That is BIC's penalty; AIC's is 2p.",
    },
    "hint_ic_p": {
        "ja": "パラメータ数 p が違うようである。{inner}",
        "en": "The number of parameters p seems wrong. {inner}",
    },
    "hint_ic": {
        "ja": "BIC = −2 ln L̂ + p ln n、AIC = −2 ln L̂ + 2p、p = (K − 1) + K d + K d(d + 1)/2 である。ln L̂ は gt.log_likelihood(X, params) で求められる。",
        "en": "BIC = −2 ln L̂ + p ln n, AIC = −2 ln L̂ + 2p, p = (K − 1) + K d + K d(d + 1)/2. gt.log_likelihood(X, params) gives ln L̂.",
    },
    # hints: sklearn's covariance shapes
    "hint_cov_full": {
        "ja": "\"full\" の covariances は既に形 (K, d, d) の共分散行列である。そのまま（コピーして）返せばよい。",
        "en": "For \"full\", covariances already has shape (K, d, d): return it (a copy).",
    },
    "hint_cov_diag": {
        "ja": "\"diag\" の covariances は形 (K, d) の分散である。各行を対角に並べた行列 variances[:, :, None] * np.eye(d) を返すこと。",
        "en": "For \"diag\", covariances holds the variances, shape (K, d). Put each row on a diagonal: variances[:, :, None] * np.eye(d).",
    },
    "hint_cov_spherical": {
        "ja": "\"spherical\" の covariances は形 (K,) で、成分 k の共分散行列は s_k² I である: covariances[:, None, None] * np.eye(d)。",
        "en": "For \"spherical\", covariances has shape (K,) and component k's covariance is s_k² I: covariances[:, None, None] * np.eye(d).",
    },
    "hint_cov_spherical_ones": {
        "ja": "\"spherical\" の非対角要素が 0 になっていない。Σ_k = s_k² I であり、np.ones ではなく単位行列 np.eye(d) を掛けること。",
        "en": "For \"spherical\", the off-diagonal entries are not 0. Σ_k = s_k² I: multiply by the identity np.eye(d), not by np.ones.",
    },
    "hint_cov_tied": {
        "ja": "\"tied\" の covariances は全成分が共有する 1 つの (d, d) 行列である。それを K 個並べること: np.repeat(covariances[None], K, axis=0)。",
        "en": "For \"tied\", covariances is one (d, d) matrix shared by every component. Repeat it K times: np.repeat(covariances[None], K, axis=0).",
    },
    "hint_cov_precision": {
        "ja": "逆行列をとっているようである。scikit-learn の covariances_ は共分散行列そのもの（逆行列は precisions_）なので、逆行列は要らない。",
        "en": "An inverse seems to be taken. scikit-learn's covariances_ are the covariances themselves (the inverses are precisions_): no inverse is needed.",
    },
    "hint_cov_sqrt": {
        "ja": "平方根をとっているようである。covariances_ の値は分散（標準偏差の 2 乗）なので、そのまま対角に置けばよい。",
        "en": "A square root seems to be taken. The values of covariances_ are variances (squared standard deviations): put them on the diagonal as they are.",
    },
}
