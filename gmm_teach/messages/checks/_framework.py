"""The framework's words (verdicts, what went wrong, quantities, calling and shapes, joining, arguments), used by every checker."""

MESSAGES = {
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
    "returned_swapped": {
        "ja": "{case} で、返った 2 つの値の形が入れ替わっている。{first} と {second} をこの順に返すこと。",
        "en": "In {case}, the two returned values have each other's shapes: return {first} and {second}, in this order.",
    },
    "returned_type": {
        "ja": "{case} で {type} が返った。",
        "en": "In {case}, the function returned {type}.",
    },
    "guard_package": {
        "ja": "{checker}: この関数は gmm_teach 自身の {function} を呼んでいるので、{quantity}を自分で計算していない。",
        "en": "{checker}: your function calls gmm_teach's own {function}, so it does not compute the {quantity} itself.",
    },
    "hint_guard_package": {
        "ja": "章と同じように、{quantity}を numpy で計算すること。{reference} はあなたの答えと比べる参照実装なので、それを呼んだ答えは何も確かめたことにならない。",
        "en": "Compute the {quantity} with numpy, as in the chapter. {reference} is what your answer is compared with, so an answer that calls it shows nothing.",
    },
    "guard_solution": {
        "ja": "{checker}: この関数は講師用の解答例 ({file}) の {function} を呼んでいるので、{quantity}を自分で計算していない。",
        "en": "{checker}: your function calls {function} from the instructor's worked solutions ({file}), so it does not compute the {quantity} itself.",
    },
    "guard_tampered": {
        "ja": "{checker}: この関数は {function} を呼んで採点関数の見張りを外したので、{quantity}を自分で計算したかどうかを確かめられない。",
        "en": "{checker}: your function calls {function}, which switches off the checker's watch, so it cannot tell whether you compute the {quantity} yourself.",
    },
    "hint_guard_tampered": {
        "ja": "採点する関数の中では {function} を呼ばないこと（プロファイラも使わない）。",
        "en": "Do not call {function} (or start a profiler) inside the function you hand in.",
    },
    "hint_guard_solution": {
        "ja": "章と同じように、{quantity}を自分で numpy で書くこと。解答例は、自分で解いた後に見比べるためのものである。",
        "en": "Write the {quantity} yourself with numpy, as in the chapter. The worked solutions are for comparing after you have solved the exercise.",
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
    "q_answer": {
        "ja": "答え",
        "en": "answer",
    },
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
}
