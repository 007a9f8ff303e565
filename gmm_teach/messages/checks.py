"""What the exercise checkers say (gmm_teach.checks), Japanese and English side by side.

The checkers read these through ``gmm_teach.checks._framework.say("key", ...)``. A quantity
(``q_...``) is put before a particle in Japanese, so it ends with a space when its last
character is Latin or Greek ("共分散 Σ " + "が"). ``args_<checker>`` describes the arguments a
checker passes, for the hints about calling the function.
"""

MESSAGES = {
    # ===== the framework (_framework.py) and every checker =====
    # verdicts
    "correct": {
        "ja": "正解である。{name} は {count} 個のケースすべてで参照実装と一致した。",
        "en": "Correct. {name} agrees with the reference on all {count} cases.",
    },
    "correct_far_e": {
        "ja": "すべての成分から遠く離れた点 {point} を含むケースでも正しい負担率が得られている。",
        "en": "It also gives the right responsibilities for a point far from every component, {point}.",
    },
    "correct_far_log": {
        "ja": "平均から遠く離れた点 {point} でも有限の正しい値が得られている。",
        "en": "It also gives the right finite value at a point far from the mean, {point}.",
    },
    "correct_large": {
        "ja": "±1000 のような大きな値でもオーバーフローしない。",
        "en": "It does not overflow on large values such as ±1000.",
    },
    "wrong": {
        "ja": "不正解である。",
        "en": "Not correct.",
    },
    "almost": {
        "ja": "ほぼ正解である。",
        "en": "Almost.",
    },
    "hint_label": {
        "ja": "ヒント: ",
        "en": "Hint: ",
    },
    "case": {
        "ja": "ケース {i} ({desc})",
        "en": "case {i} ({desc})",
    },
    # what went wrong
    "not_callable": {
        "ja": "関数ではなく {type} が渡された。",
        "en": "A {type} was passed instead of a function.",
    },
    "hint_not_callable": {
        "ja": "関数そのものを、括弧をつけずに渡すこと: checks.check_{name}(my_{name})。my_{name}(...) と書くと、関数を呼んだ結果が渡されてしまう。",
        "en": "Pass the function itself, without parentheses: checks.check_{name}(my_{name}). Writing my_{name}(...) passes the result of calling it.",
    },
    "raised": {
        "ja": "{case} で関数の実行中にエラーが起きた: {error}",
        "en": "In {case}, the function raised {error}",
    },
    "none": {
        "ja": "{case} で関数が None を返した。",
        "en": "In {case}, the function returned None.",
    },
    "not_numeric": {
        "ja": "{case} の返り値 ({type}) を数値の配列に変換できない。",
        "en": "In {case}, the returned value ({type}) cannot be converted to an array of numbers.",
    },
    "shape": {
        "ja": "形が違う: {case} で {name} = {expected} を期待したが {got} が返った。",
        "en": "Wrong shape: in {case}, expected {name} = {expected} but received {got}.",
    },
    "nonfinite": {
        "ja": "{case} の{quantity}に NaN または inf が {count} 個含まれる。",
        "en": "In {case}, the {quantity} contain {count} NaN or inf value(s).",
    },
    "mismatch": {
        "ja": "{case} で{quantity}が参照実装と一致しない: 要素 {index} は {expected} であるべきところ {got} になっている。",
        "en": "In {case}, the {quantity} differ from the reference: element {index} should be {expected} but is {got}.",
    },
    "returned_count": {
        "ja": "{case} で {count} 個の値の組が返った。",
        "en": "In {case}, the function returned {count} values.",
    },
    "returned_type": {
        "ja": "{case} で {type} が返った。",
        "en": "In {case}, the function returned {type}.",
    },
    "ll_length": {
        "ja": "{case} で対数尤度が {got} 個返った（反復回数は n_iter = {n_iter}）。",
        "en": "In {case}, the function returned {got} log-likelihood value(s) (the number of iterations is n_iter = {n_iter}).",
    },
    "almost_far_e": {
        "ja": "通常の {count} 個のケースは正しいが、すべての成分から遠く離れた点 {point} を含むケースで{what}。",
        "en": "The {count} ordinary cases are right, but in the case with a point far from every component, {point}, {what}.",
    },
    "almost_far_log": {
        "ja": "通常の {count} 個のケースは正しいが、平均から遠く離れた点 {point} で{what}。",
        "en": "The {count} ordinary cases are right, but at a point far from the mean, {point}, {what}.",
    },
    "almost_large": {
        "ja": "通常の {count} 個のケースは正しいが、±1000 程度の大きな値を含むケースで{what}。",
        "en": "The {count} ordinary cases are right, but in the case with large values (around ±1000), {what}.",
    },
    "what_nonfinite": {
        "ja": "値が NaN または inf になった",
        "en": "the result is NaN or inf",
    },
    "what_values": {
        "ja": "値が参照実装と一致しない",
        "en": "the values differ from the reference",
    },
    # quantities
    "q_density": {
        "ja": "密度",
        "en": "densities",
    },
    "q_log_density": {
        "ja": "対数密度",
        "en": "log densities",
    },
    "q_maha": {
        "ja": "二乗マハラノビス距離",
        "en": "squared Mahalanobis distances",
    },
    "q_lse": {
        "ja": "値",
        "en": "values",
    },
    "q_resp": {
        "ja": "負担率",
        "en": "responsibilities",
    },
    "q_phi": {
        "ja": "混合係数 φ ",
        "en": "mixing weights φ",
    },
    "q_mu": {
        "ja": "平均 μ ",
        "en": "means μ",
    },
    "q_sigma": {
        "ja": "共分散 Σ ",
        "en": "covariances Σ",
    },
    "q_ll": {
        "ja": "対数尤度",
        "en": "log-likelihoods",
    },
    # hints: calling and shapes
    "hint_raised": {
        "ja": "関数は {call} の形で呼ばれる（{shapes}）。エラーが出た行の直前で各配列の形 (.shape) を print して確かめるとよい。",
        "en": "The function is called as {call} with {shapes}. Print the shapes (.shape) of the arrays just before the failing line.",
    },
    "hint_signature": {
        "ja": "引数の数が合っていないようである。関数は {call} の形で呼ばれる（{shapes}）。",
        "en": "The number of arguments does not match. The function is called as {call} with {shapes}.",
    },
    "hint_broadcast": {
        "ja": "形の合わない配列どうしを演算している。関数は {call} の形で呼ばれる（{shapes}）。和をとった配列で割るときは keepdims=True をつけるか [:, None] で軸を補うこと。",
        "en": "Two arrays of incompatible shapes meet in one operation. The function is called as {call} with {shapes}. To divide by a sum, keep its axis: sum(axis=1, keepdims=True), or add one with [:, None].",
    },
    "hint_none": {
        "ja": "関数の本体がまだ書かれていないか、return 文が抜けている。計算した値を return で返すこと。",
        "en": "The body of the function is not written yet, or its return statement is missing. Return the computed value.",
    },
    "hint_not_numeric": {
        "ja": "{name} の形の NumPy 配列を返すこと。",
        "en": "Return a NumPy array of shape {name}.",
    },
    "hint_scalar": {
        "ja": "スカラーが返った。全要素の和や平均をとっていないか、axis の指定を確かめよ。",
        "en": "A single number came back. Check for a sum or mean over all elements, and the axis you reduce over.",
    },
    "hint_transposed": {
        "ja": "転置になっているようである。{name} の順に並べること（.T で転置できる）。",
        "en": "It looks transposed. Arrange it as {name} (.T transposes).",
    },
    "hint_axes": {
        "ja": "軸の順番が違うようである。{name} の順に並べること（d × d 行列 K 個のリストなら np.array(list) でこの順になる）。",
        "en": "The axes seem to be in the wrong order. Arrange them as {name} (np.array of a list of K d × d matrices gives this order).",
    },
    "hint_keepdims": {
        "ja": "2 次元配列が返った。{name} の 1 次元配列にすること（keepdims=True を外すか .ravel() を使う）。",
        "en": "A 2-D array came back. Return a 1-D array of shape {name} (drop keepdims=True, or use .ravel()).",
    },
    "hint_nn": {
        "ja": "(n, n) の行列が返った。diff @ inv @ diff.T はすべての点の組について積を計算してしまう。各点自身の二次形式だけが要るので np.sum(diff @ inv * diff, axis=1) とすること。",
        "en": "An (n, n) matrix came back: diff @ inv @ diff.T computes the product for every pair of points. Only each point with itself is needed: np.sum(diff @ inv * diff, axis=1).",
    },
    "hint_lse_axis": {
        "ja": "各行について（axis=1 で）和をとること。a の形は (n, K) で、答えは行ごとの log Σ_k exp(a_nk)、形は (n,) である。",
        "en": "Sum over each row (axis=1). a has shape (n, K); the answer is log Σ_k exp(a_nk) for each row, of shape (n,).",
    },
    "hint_shape": {
        "ja": "途中の配列の形を print して、どこで形が崩れるか確かめよ。",
        "en": "Print the shapes of the intermediate arrays to see where the shape goes wrong.",
    },
    "hint_nonfinite": {
        "ja": "NaN は 0/0 や負の数の平方根・対数から、inf は 0 での割り算や exp のオーバーフローから生じる。途中の配列を print して最初に現れる所を探すこと。",
        "en": "NaN comes from 0/0 or the square root or log of a negative number; inf from a division by 0 or an overflowing exp. Print the intermediate arrays to find where they first appear.",
    },
    # joining: two sentences, the items of a list, a value described in words
    "then": {
        "ja": "{first}{second}",
        "en": "{first} {second}",
    },
    "list_comma": {
        "ja": "、",
        "en": ", ",
    },
    "array_of_shape": {
        "ja": "形 {shape} の配列",
        "en": "an array of shape {shape}",
    },
    # the arguments each checker passes, for the hints about calling it
    "args_sampler": {
        "ja": "phi の形は (K,)、mu は (K, d)、sigma は (K, d, d)、n は整数、seed は整数",
        "en": "phi of shape (K,), mu (K, d), sigma (K, d, d), n an integer, seed an integer",
    },
    "args_empirical_covariance": {
        "ja": "X の形は (n, d)、z は (n,)、k は整数",
        "en": "X of shape (n, d), z (n,), k an integer",
    },
    "args_density": {
        "ja": "X の形は (n, d)、mu は (d,)、sigma は (d, d)",
        "en": "X of shape (n, d), mu (d,), sigma (d, d)",
    },
    "args_log_sum_exp": {
        "ja": "a の形は (n, K)",
        "en": "a of shape (n, K)",
    },
    "args_e_step": {
        "ja": "X の形は (n, d)、phi は (K,)、mu は (K, d)、sigma は (K, d, d)",
        "en": "X of shape (n, d), phi (K,), mu (K, d), sigma (K, d, d)",
    },
    "args_m_step": {
        "ja": "X の形は (n, d)、responsibilities は (n, K)",
        "en": "X of shape (n, d), responsibilities (n, K)",
    },
    "args_em": {
        "ja": "X の形は (n, d)、phi は (K,)、mu は (K, d)、sigma は (K, d, d)、n_iter は整数",
        "en": "X of shape (n, d), phi (K,), mu (K, d), sigma (K, d, d), n_iter an integer",
    },
    "args_update_bars": {
        "ja": "bars は ax.bar が返す棒 (BarContainer)、X は (n, d)、params は GMMParams、i は整数",
        "en": "bars the bars ax.bar returns (a BarContainer), X (n, d), params a GMMParams, i an integer",
    },
    "args_max_mean_step": {
        "ja": "result は gt.fit が返す EMResult、start は整数",
        "en": "result the EMResult gt.fit returns, start an integer",
    },
    "args_lower_bound": {
        "ja": "X の形は (n, d)、phi は (K,)、mu は (K, d)、sigma は (K, d, d)、q は (n, K)",
        "en": "X of shape (n, d), phi (K,), mu (K, d), sigma (K, d, d), q (n, K)",
    },
    "args_increase_parts": {
        "ja": "X の形は (n, d)、old は GMMParams、new は GMMParams",
        "en": "X of shape (n, d), old a GMMParams, new a GMMParams",
    },
    "args_best_of_restarts": {
        "ja": "X の形は (n, d)、K は整数、seeds は整数のリスト",
        "en": "X of shape (n, d), K an integer, seeds a list of integers",
    },
    "args_soft_assign": {
        "ja": "X の形は (n, d)、mu は (K, d)、sigma は実数",
        "en": "X of shape (n, d), mu (K, d), sigma a number",
    },
    "args_n_parameters": {
        "ja": "K は整数、d は整数",
        "en": "K an integer, d an integer",
    },
    "args_n_parameters_by_type": {
        "ja": "K は整数、d は整数、covariance_type は str",
        "en": "K an integer, d an integer, covariance_type str",
    },
    "args_information_criteria": {
        "ja": "X の形は (n, d)、params は GMMParams",
        "en": "X of shape (n, d), params GMMParams",
    },
    "args_full_covariances": {
        "ja": "covariances の形は (K, d, d) / (K, d) / (K,) / (d, d)、covariance_type は str、K は整数、d は整数",
        "en": "covariances of shape (K, d, d) / (K, d) / (K,) / (d, d), covariance_type str, K an integer, d an integer",
    },
    # ===== chapters 01-02 (sampling_and_density.py) =====
    # chapter 01: a mixture sampler and the empirical covariance
    "correct_sampler": {
        "ja": "点数のばらつきは二項分布の標準偏差と合い（成分ごとの比 {ratios}）、成分ごとの点の平均と共分散も真の値に近い。",
        "en": "The counts vary like the binomial standard deviation (ratios {ratios} per component), and each component's mean and covariance are close to the true values.",
    },
    "q_cov": {
        "ja": "共分散行列",
        "en": "covariances",
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
    # ===== chapters 03-05 (em_steps.py) =====
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
    # ===== chapters 06-08 (animation_bound_restarts.py) =====
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
    # chapter 06: update_bars
    "q_heights": {
        "ja": "棒の高さ",
        "en": "heights of the bars",
    },
    "bars_returned_other": {
        "ja": "{case} で棒の高さは正しいが、bars ではなく {what} が返った。",
        "en": "In {case}, the heights of the bars are right, but {what} came back instead of bars.",
    },
    "hint_bars_return": {
        "ja": "最後に return bars として、受け取った bars そのものを返すこと。FuncAnimation の各フレームの関数は、書き換えた棒を返す必要がある。",
        "en": "End with return bars, returning the bars you received. The function of each frame of a FuncAnimation has to return the artists it changed.",
    },
    "bars_untouched": {
        "ja": "{case} で棒の高さが 1 本も変わっていない (すべて 0 のまま)。",
        "en": "In {case}, not one bar changed height (all are still 0).",
    },
    "hint_bars_untouched": {
        "ja": "受け取った bars の各棒を bar.set_height(...) でその場で書き換えること。ax.bar(...) で新しい棒を作ったり、図を描き直したりしても、渡された bars は変わらない。",
        "en": "Change each of the bars you receive in place with bar.set_height(...). Making new bars with ax.bar(...) or redrawing the figure leaves the bars you were given unchanged.",
    },
    "bars_fixed_three": {
        "ja": "{case} で関数の実行中にエラーが起きた: {error}",
        "en": "In {case}, the function raised an error: {error}",
    },
    "hint_bars_fixed_three": {
        "ja": "成分の数を 3 と決め打ちしているようである。K は場合によって変わる: for bar, gamma in zip(bars, responsibilities) のように、棒と負担率を組にしてまわすこと。",
        "en": "The number of components seems to be fixed at 3. K differs from case to case: loop over the bars and the responsibilities together, as in for bar, gamma in zip(bars, responsibilities).",
    },
    "hint_bars_phi": {
        "ja": "混合係数 φ を棒の高さにしているようである。求めるのは点 X[i] の負担率 γ_ik であり、点によって異なる。",
        "en": "The bars seem to show the mixing weights φ. They should show the responsibilities γ_ik of the point X[i], which differ from point to point.",
    },
    "hint_bars_density": {
        "ja": "正規化する前の φ_k N(x_i | μ_k, Σ_k) になっているようである。負担率は、これを k について和が 1 になるよう正規化したものである。",
        "en": "The bars seem to show φ_k N(x_i | μ_k, Σ_k) before normalisation. The responsibilities are these values normalised to sum to 1 over k.",
    },
    "hint_bars_no_phi": {
        "ja": "混合係数 φ が掛けられていないようである。負担率は φ_k N(x_i | μ_k, Σ_k) を k について正規化したものである。",
        "en": "The mixing weights φ seem to be missing. The responsibilities are φ_k N(x_i | μ_k, Σ_k) normalised over k.",
    },
    "hint_bars_log": {
        "ja": "負担率の対数を棒の高さにしているようである。np.exp をとった負担率そのものを使うこと。",
        "en": "The bars seem to show the log responsibilities. Use the responsibilities themselves (apply np.exp).",
    },
    "hint_bars_hard": {
        "ja": "硬い割り当て (負担率が最大の成分に 1、ほかに 0) になっているようである。棒の高さは負担率そのものである。",
        "en": "The bars seem to show a hard assignment (1 for the most responsible component, 0 for the others). Their heights are the responsibilities themselves.",
    },
    "hint_bars_point_0": {
        "ja": "点 X[i] ではなく点 X[0] の負担率になっているようである。gt.e_step(X, params)[0] の i 行目 (または gt.e_step(X[i:i + 1], params)[0][0]) を使うこと。",
        "en": "The bars seem to show the responsibilities of X[0] instead of X[i]. Use row i of gt.e_step(X, params)[0] (or gt.e_step(X[i:i + 1], params)[0][0]).",
    },
    "hint_bars_fixed_K": {
        "ja": "最後の棒の高さが 0 のままである。成分の数を 3 と決め打ちしているようである: for bar, gamma in zip(bars, responsibilities) のように、すべての棒をまわすこと。",
        "en": "The last bar is still at height 0. The number of components seems to be fixed at 3: loop over all the bars, as in for bar, gamma in zip(bars, responsibilities).",
    },
    "hint_bars": {
        "ja": "点 X[i] の負担率は gt.e_step(X, params)[0][i] (形 (K,)) である。k 番目の棒の高さをその k 番目の値にすること。",
        "en": "The responsibilities of the point X[i] are gt.e_step(X, params)[0][i] (shape (K,)). Set the height of bar k to the k-th of them.",
    },
    # chapter 06: max_mean_step
    "q_step": {
        "ja": "最大の移動距離",
        "en": "largest step",
    },
    "step_not_a_number": {
        "ja": "{case} で 1 つの数ではなく {what} が返った。",
        "en": "In {case}, {what} came back instead of a single number.",
    },
    "hint_step_number": {
        "ja": "すべての反復と成分についての最大値を 1 つの数として返すこと (例えば np.max(...) や max(...))。",
        "en": "Return the maximum over all the iterations and components as one number (with np.max(...) or max(...), for example).",
    },
    "step_empty": {
        "ja": "{case} (start = n_iter、最後の反復だけ) で、空の列の最大値をとろうとしてエラーになった。",
        "en": "In {case} (start = n_iter: the last iteration only), the function took the maximum of an empty sequence and raised an error.",
    },
    "step_mismatch": {
        "ja": "{case} で返った値は {got} であるが、正しい最大の移動距離は {expected} である。",
        "en": "In {case}, the function returned {got}, but the largest step is {expected}.",
    },
    "hint_step_exclude_start": {
        "ja": "反復 start の移動が入っていないようである。反復 t の移動は history[t] と history[t - 1] の差であり、t = start も含める: range(start, result.n_iter + 1)。",
        "en": "The step of iteration start seems to be left out. The step of iteration t is the difference between history[t] and history[t - 1], and t = start is included: range(start, result.n_iter + 1).",
    },
    "hint_step_include_before": {
        "ja": "反復 start − 1 の移動まで入っているようである。反復 t の移動は history[t] − history[t − 1] であり、t は start から始める。",
        "en": "The step of iteration start − 1 seems to be included. The step of iteration t is history[t] − history[t − 1], and t begins at start.",
    },
    "hint_step_all": {
        "ja": "start より前の反復の移動も入っているようである。反復 start 以降 (start を含む) だけで最大値をとること。",
        "en": "The steps of the iterations before start seem to be included. Take the maximum over the iterations from start on (start included) only.",
    },
    "hint_step_mean": {
        "ja": "反復についての平均をとっているようである。求めるのは最大値である。",
        "en": "The steps seem to be averaged over the iterations. The task asks for the largest one.",
    },
    "hint_step_sum_components": {
        "ja": "成分について和をとっているようである。各反復で最も大きく動いた平均の距離 (成分についての最大値) を使うこと。",
        "en": "The steps seem to be summed over the components. In each iteration use the distance of the mean that moved the most (the maximum over the components).",
    },
    "hint_step_frobenius": {
        "ja": "K 個の平均の差をまとめた (K, d) 行列全体のノルムになっているようである。np.linalg.norm(..., axis=1) で成分ごとの距離を求め、その最大値をとること。",
        "en": "The norm seems to be taken of the whole (K, d) matrix of differences of the K means. Use np.linalg.norm(..., axis=1) for the distance of each component, then take the maximum.",
    },
    "hint_step_squared": {
        "ja": "2 乗距離になっているようである。距離は ‖μ_k^(t) − μ_k^(t−1)‖ であり、平方根をとる (np.linalg.norm)。",
        "en": "The distances seem to be squared. The distance is ‖μ_k^(t) − μ_k^(t−1)‖, with the square root (np.linalg.norm).",
    },
    "hint_step_coordinate": {
        "ja": "座標ごとの差の絶対値の最大値になっているようである。距離はユークリッド距離 ‖μ_k^(t) − μ_k^(t−1)‖ = np.linalg.norm(..., axis=1) である。",
        "en": "This is the largest absolute difference of a single coordinate. The distance is the Euclidean one, ‖μ_k^(t) − μ_k^(t−1)‖ = np.linalg.norm(..., axis=1).",
    },
    "hint_step_argmax": {
        "ja": "最大の移動が起きた反復の番号を返しているようである。返すのは移動距離そのものである。",
        "en": "The iteration in which the largest step happens seems to be returned. Return the distance itself.",
    },
    "hint_step": {
        "ja": "反復 t の移動は np.linalg.norm(result.history[t].mu - result.history[t - 1].mu, axis=1) (形 (K,)) である。t = start, …, result.n_iter について、その最大値をとること。",
        "en": "The steps of iteration t are np.linalg.norm(result.history[t].mu - result.history[t - 1].mu, axis=1) (shape (K,)). Take their maximum over t = start, ..., result.n_iter.",
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
    # ===== chapters 09-10 (choosing_k.py) =====
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
