"""Chapters 01-02 (gmm_teach.checks.sampling_and_density): sampling, the covariance, the Gaussian density."""

MESSAGES = {
    # chapter 01: a mixture sampler and the empirical covariance
    "correct_sampler": {
        "ja": "点数のばらつきは二項分布の標準偏差と合い（成分ごとの比 {ratios}）、成分ごとの点の平均と共分散も真の値に近い。",
        "en": "The counts vary like the binomial standard deviation (ratios {ratios} per component), and each component's mean and covariance are close to the true values.",
    },
    "q_cov": {
        "ja": "共分散行列",
        "en": "covariances",
    },
    "q_sample": {
        "ja": "標本",
        "en": "sample",
    },
    "q_sample_X": {
        "ja": "点 X ",
        "en": "points X",
    },
    "q_sample_z": {
        "ja": "成分番号 z ",
        "en": "component numbers z",
    },
    "sampler_total": {
        "ja": "{case} で点の総数が n = {n} にならない（シード {seed} で {got} 点）。",
        "en": "In {case}, the total number of points is not n = {n} ({got} points with seed {seed}).",
    },
    "sampler_labels": {
        "ja": "{case} で z に 0〜{last} の整数以外の値が含まれる（例: {value}）。",
        "en": "In {case}, z contains a value that is not an integer from 0 to {last} ({value}, for example).",
    },
    "sampler_seed": {
        "ja": "{case} で同じシード {seed} を与えて 2 回呼ぶと、違う標本が返った。",
        "en": "In {case}, two calls with the same seed {seed} returned different samples.",
    },
    "sampler_fixed": {
        "ja": "{case} で成分ごとの点数が {seeds} 個のシードすべてで同じ {counts} である。",
        "en": "In {case}, the counts per component are the same, {counts}, for all {seeds} seeds.",
    },
    "sampler_count_mean": {
        "ja": "{case} で成分 {k} の点数の平均が {got} 点であり、期待値 n φ = {expected} 点から離れている。",
        "en": "In {case}, component {k} gets {got} points on average, far from its expected count n φ = {expected}.",
    },
    "sampler_count_sd": {
        "ja": "{case} で成分 {k} の点数の標準偏差が {got} 点であり、二項分布の標準偏差 {expected} 点と合わない。",
        "en": "In {case}, the count of component {k} varies with standard deviation {got}, which does not match the binomial standard deviation {expected}.",
    },
    "sampler_mean": {
        "ja": "{case} で z = {k} の点の平均が {got} であり、mu[{k}] = {expected} と合わない。",
        "en": "In {case}, the mean of the points with z = {k} is {got}, which does not match mu[{k}] = {expected}.",
    },
    "sampler_cov": {
        "ja": "{case} で z = {k} の点の共分散行列の要素 {index} が {got} であり、sigma[{k}] の {expected} と合わない。",
        "en": "In {case}, entry {index} of the covariance matrix of the points with z = {k} is {got}, which does not match sigma[{k}]'s {expected}.",
    },
    "hint_sampler_return": {
        "ja": "関数は (X, z) の組を返すこと。X は (n, d) の点、z は各点の成分番号（0〜K−1 の整数）の (n,) 配列である。",
        "en": "Return the pair (X, z): X the (n, d) points, z an (n,) array of each point's component number (an integer from 0 to K − 1).",
    },
    "hint_sampler_total": {
        "ja": "点の総数はいつも n である。int(w * n) のような切り捨てでは総数が n に届かないことがある。点数は rng.multinomial(n, phi) で引くこと（和はちょうど n になる）。",
        "en": "There are always n points in total. Rounding down, as int(w * n) does, can fall short of n. Draw the counts with rng.multinomial(n, phi): they add up to exactly n.",
    },
    "hint_sampler_labels": {
        "ja": "z は成分の番号 0, 1, …, K − 1 である。成分 k の点の数だけ k を並べること: np.repeat(np.arange(K), counts)。",
        "en": "z holds the component numbers 0, 1, ..., K − 1. Repeat k as many times as component k has points: np.repeat(np.arange(K), counts).",
    },
    "hint_sampler_seed": {
        "ja": "乱数はすべて関数の中の rng = np.random.default_rng(seed) から引くこと。np.random.multinomial などのモジュールの関数や、seed を渡さない default_rng() を使うと、シードで標本が決まらない。",
        "en": "Draw every random number from rng = np.random.default_rng(seed) inside the function. The module's functions such as np.random.multinomial, or default_rng() without the seed, make the sample independent of the seed.",
    },
    "hint_sampler_fixed": {
        "ja": "点数が乱数によらず決まっている（教科書の int(w * n) と同じ）。点数そのものを多項分布から引くこと: rng.multinomial(n, phi)。",
        "en": "The counts do not depend on the random numbers (like the textbook's int(w * n)). Draw the counts themselves from the multinomial distribution: rng.multinomial(n, phi).",
    },
    "hint_sampler_phi": {
        "ja": "成分 k の点数の期待値は n φ_k である。rng.multinomial に混合係数 phi をそのまま渡しているか、点数と z の番号の対応がずれていないかを確かめよ。",
        "en": "The expected count of component k is n φ_k. Check that rng.multinomial receives the mixing coefficients phi as they are, and that the counts and the numbers in z line up.",
    },
    "hint_sampler_sd": {
        "ja": "点数は多項分布 Mult(n, φ) から 1 回だけ引く。そうすれば各成分の点数は二項分布 Bin(n, φ_k) に従い、標準偏差は sqrt(n φ_k (1 − φ_k)) になる。",
        "en": "Draw the counts once from the multinomial distribution Mult(n, φ). Then each component's count follows the binomial distribution Bin(n, φ_k), with standard deviation sqrt(n φ_k (1 − φ_k)).",
    },
    "hint_sampler_pairing": {
        "ja": "X の各行と z の各要素が対応していないようである（点全体の平均は正しい）。X に成分 k の点を並べたのと同じ順に、z にも k を並べること。",
        "en": "The rows of X and the entries of z do not seem to belong together (the mean of all the points is right). Put the k's into z in the same order as component k's points go into X.",
    },
    "hint_sampler_cholesky": {
        "ja": "コレスキー因子 L（sigma = L Lᵀ）を右から掛けるときは eps @ L.T である。.T を忘れると共分散が Lᵀ L になる。",
        "en": "To apply the Cholesky factor L (sigma = L Lᵀ) from the right, write eps @ L.T. Without .T the covariance becomes Lᵀ L.",
    },
    "hint_sampler_gauss": {
        "ja": "成分 k の点は平均 mu[k]、共分散行列 sigma[k] のガウス分布から引くこと: rng.multivariate_normal(mu[k], sigma[k], size)。",
        "en": "Draw component k's points from the Gaussian with mean mu[k] and covariance matrix sigma[k]: rng.multivariate_normal(mu[k], sigma[k], size).",
    },
    "hint_cov_unbiased": {
        "ja": "N_k − 1 で割っているようである（np.cov の既定の不偏推定）。ここで求めるのは最尤推定であり、N_k で割る。",
        "en": "It looks like the sum is divided by N_k − 1 (np.cov's default, the unbiased estimate). The maximum likelihood estimate asked for here divides by N_k.",
    },
    "hint_cov_not_centred": {
        "ja": "平均を引かずに外積をとっているようである。まず成分 k の点の平均を引くこと: diff = X_k − X_k.mean(axis=0)。",
        "en": "The outer products seem to be taken without subtracting the mean. First subtract the mean of component k's points: diff = X_k − X_k.mean(axis=0).",
    },
    "hint_cov_global_mean": {
        "ja": "全データの平均を引いているようである。引くのは成分 k の点だけの平均 x̄_k である。",
        "en": "It looks like the mean of all the data is subtracted. Subtract the mean x̄_k of component k's points only.",
    },
    "hint_cov_over_n": {
        "ja": "全データの点数 n で割っているようである。割るのは成分 k の点の数 N_k である。",
        "en": "It looks like the sum is divided by n, the number of all the points. Divide by N_k, the number of component k's points.",
    },
    "hint_cov_not_divided": {
        "ja": "外積の和を N_k で割っていないようである。",
        "en": "The sum of the outer products does not seem to be divided by N_k.",
    },
    "hint_cov_all_points": {
        "ja": "全データの共分散行列になっているようである。z == k の点だけを選ぶこと: X_k = X[z == k]。",
        "en": "This looks like the covariance matrix of all the data. Select the points with z == k: X_k = X[z == k].",
    },
    "hint_cov_diagonal": {
        "ja": "対角成分（各座標の分散）だけが正しく、非対角成分が違うようである。外積の和 diff.T @ diff で座標どうしの共分散も計算すること。",
        "en": "Only the diagonal (the variance of each coordinate) is right; the off-diagonal entries differ. Compute the sum of outer products diff.T @ diff to get the covariances between the coordinates too.",
    },
    "hint_cov": {
        "ja": "S_k = (1/N_k) Σ_(z_n = k) (x_n − x̄_k)(x_n − x̄_k)ᵀ の各部分（点の選び方、引く平均、割る数）を確かめよ。",
        "en": "Check each part of S_k = (1/N_k) Σ_(z_n = k) (x_n − x̄_k)(x_n − x̄_k)ᵀ: which points, which mean, which divisor.",
    },
    # hints: the Gaussian density
    "hint_sigma_for_inv": {
        "ja": "Σ⁻¹ を使うべきところに Σ を使っているようである。指数部は −(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ) であり、np.linalg.inv(sigma) が要る。",
        "en": "It looks like Σ is used where Σ⁻¹ belongs. The exponent is −(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ), which needs np.linalg.inv(sigma).",
    },
    "hint_inv_everywhere": {
        "ja": "Σ の代わりに Σ⁻¹ を（行列式も含めて）使っているようである。渡される sigma は共分散行列 Σ そのものである: 指数部には Σ⁻¹ = np.linalg.inv(sigma)、正規化定数には |Σ| = np.linalg.det(sigma) を使うこと。",
        "en": "It looks like Σ⁻¹ is used in place of Σ throughout, determinant included. The sigma passed in is the covariance matrix Σ itself: use Σ⁻¹ = np.linalg.inv(sigma) in the exponent and |Σ| = np.linalg.det(sigma) in the normalising constant.",
    },
    "hint_det_no_sqrt": {
        "ja": "正規化定数で |Σ| の平方根をとっていないようである。正規化定数は 1 / sqrt((2π)^d |Σ|) であり、|Σ| も平方根の中に入る。",
        "en": "The normalising constant seems to use |Σ| without its square root. It is 1 / sqrt((2π)^d |Σ|): |Σ| sits under the square root too.",
    },
    "hint_no_sqrt_at_all": {
        "ja": "正規化定数全体の平方根をとり忘れているようである。1 / ((2π)^d |Σ|) ではなく 1 / sqrt((2π)^d |Σ|) である。",
        "en": "The square root of the whole normalising constant seems to be missing. It is 1 / sqrt((2π)^d |Σ|), not 1 / ((2π)^d |Σ|).",
    },
    "hint_no_2pi": {
        "ja": "正規化定数の (2π)^(d/2) が抜けているようである。正規化定数は 1 / sqrt((2π)^d |Σ|) = (2π)^(−d/2) |Σ|^(−1/2) である。",
        "en": "The factor (2π)^(d/2) of the normalising constant seems to be missing. The constant is 1 / sqrt((2π)^d |Σ|) = (2π)^(−d/2) |Σ|^(−1/2).",
    },
    "hint_2pi_no_power": {
        "ja": "2π を d/2 乗していないようである。d 次元の正規化定数は 1 / sqrt((2π)^d |Σ|) であり、d = 1 のときだけ 1 / sqrt(2π |Σ|) になる。",
        "en": "2π does not seem to be raised to the power d/2. In d dimensions the normalising constant is 1 / sqrt((2π)^d |Σ|); only for d = 1 is it 1 / sqrt(2π |Σ|).",
    },
    "hint_no_det": {
        "ja": "正規化定数の |Σ|^(1/2) が抜けているようである。正規化定数は 1 / sqrt((2π)^d |Σ|) である（|Σ| = np.linalg.det(sigma)）。",
        "en": "The factor |Σ|^(1/2) of the normalising constant seems to be missing. The constant is 1 / sqrt((2π)^d |Σ|), with |Σ| = np.linalg.det(sigma).",
    },
    "hint_no_normaliser": {
        "ja": "正規化定数 1 / sqrt((2π)^d |Σ|) が丸ごと抜けているようである。",
        "en": "The normalising constant 1 / sqrt((2π)^d |Σ|) seems to be missing altogether.",
    },
    "hint_no_half": {
        "ja": "指数部の 1/2 が抜けているようである。指数部は −(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ) である。",
        "en": "The 1/2 in the exponent seems to be missing. The exponent is −(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ).",
    },
    "hint_sign": {
        "ja": "指数部の符号が逆のようである。密度は平均から離れるほど小さくなる: exp(−(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ))。",
        "en": "The sign of the exponent seems to be flipped. The density falls off away from the mean: exp(−(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ)).",
    },
    "hint_returned_log": {
        "ja": "対数密度を返しているようである。密度は np.exp(対数密度) である。",
        "en": "It looks like the log density is returned. The density is np.exp(log density).",
    },
    "hint_returned_pdf": {
        "ja": "密度そのものを返しているようである。log_pdf は密度の対数を返す。",
        "en": "It looks like the density itself is returned. log_pdf returns the log of the density.",
    },
    "hint_log_of_pdf": {
        "ja": "np.log(pdf(...)) は、密度が 0 にアンダーフローすると log 0 = −inf になる。対数密度は −(d/2) log 2π − (1/2) log|Σ| − (1/2)(x − μ)ᵀ Σ⁻¹ (x − μ) を直接計算すること（log|Σ| には np.linalg.slogdet が使える）。",
        "en": "np.log(pdf(...)) gives log 0 = −inf once the density underflows to 0. Compute the log density directly: −(d/2) log 2π − (1/2) log|Σ| − (1/2)(x − μ)ᵀ Σ⁻¹ (x − μ) (np.linalg.slogdet gives log|Σ|).",
    },
    "hint_density": {
        "ja": "N(x | μ, Σ) = exp(−(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ)) / sqrt((2π)^d |Σ|) の各部分を 1 つずつ確かめよ。",
        "en": "Check each part of N(x | μ, Σ) = exp(−(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ)) / sqrt((2π)^d |Σ|) in turn.",
    },
    # hints: Mahalanobis distance and log-sum-exp
    "hint_maha_sigma": {
        "ja": "Σ⁻¹ を使うべきところに Σ を使っているようである。二乗マハラノビス距離は (x − μ)ᵀ Σ⁻¹ (x − μ) であり、np.linalg.inv(sigma) が要る。",
        "en": "It looks like Σ is used where Σ⁻¹ belongs. The squared Mahalanobis distance is (x − μ)ᵀ Σ⁻¹ (x − μ), which needs np.linalg.inv(sigma).",
    },
    "hint_maha_sqrt": {
        "ja": "平方根をとっているようである。ここで求めるのは二乗距離 (x − μ)ᵀ Σ⁻¹ (x − μ) であり、平方根はとらない。",
        "en": "It looks like the square root is taken. The quantity asked for is the squared distance (x − μ)ᵀ Σ⁻¹ (x − μ), without a square root.",
    },
    "hint_maha": {
        "ja": "二乗マハラノビス距離は (x_n − μ)ᵀ Σ⁻¹ (x_n − μ) である。diff = X − mu、np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1) の各部分を確かめよ。",
        "en": "The squared Mahalanobis distance is (x_n − μ)ᵀ Σ⁻¹ (x_n − μ). Check each part of diff = X − mu, np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1).",
    },
    "hint_lse_no_add_back": {
        "ja": "最大値を引いたあと、最後に足し戻していないようである: log Σ_k exp(a_k) = m + log Σ_k exp(a_k − m)。",
        "en": "The maximum is subtracted but not added back at the end: log Σ_k exp(a_k) = m + log Σ_k exp(a_k − m).",
    },
    "hint_lse_global_max": {
        "ja": "配列全体の最大値を引いているようである。行ごとの最大値 m = a.max(axis=1, keepdims=True) を引くこと。行によって値の大きさがまったく違うと、全体の最大値では exp が 0 にアンダーフローする。",
        "en": "It looks like the maximum of the whole array is subtracted. Subtract each row's maximum, m = a.max(axis=1, keepdims=True): when rows differ wildly in size, the global maximum makes exp underflow to 0.",
    },
    "hint_lse_overflow": {
        "ja": "exp(1000) は inf にオーバーフローし、exp(−1000) は 0 にアンダーフローする。各行の最大値 m を引いてから exp をとり、最後に m を足し戻すこと: log Σ_k exp(a_k) = m + log Σ_k exp(a_k − m)。",
        "en": "exp(1000) overflows to inf and exp(−1000) underflows to 0. Subtract each row's maximum m before exp and add it back at the end: log Σ_k exp(a_k) = m + log Σ_k exp(a_k − m).",
    },
    "hint_lse": {
        "ja": "log-sum-exp は各行 n について log Σ_k exp(a_nk) である。最大値 m を引く形 m + log Σ_k exp(a_nk − m) で計算すること。",
        "en": "log-sum-exp is log Σ_k exp(a_nk) for each row n. Compute it as m + log Σ_k exp(a_nk − m) with m the row's maximum.",
    },
}
