"""Chapter 12 (gmm_teach.checks.bernoulli): the Bernoulli log-probability and the Bernoulli M-step."""

MESSAGES = {
    # what the learner computes
    "q_bern_log": {
        "ja": "対数確率 ln p(x_n | p_k) ",
        "en": "log-probabilities ln p(x_n | p_k)",
    },
    "q_bern_p": {
        "ja": "プロトタイプ p ",
        "en": "prototypes p",
    },
    "q_bern_params": {
        "ja": "新しいパラメータ φ, p ",
        "en": "new parameters φ, p",
    },
    # the arguments, for the hints about calling the function
    "args_bernoulli_log_pdf": {
        "ja": "X の形は (n, d) で要素は 0 か 1、p は (K, d) で要素は 0 と 1 の間",
        "en": "X of shape (n, d) with entries 0 or 1, p (K, d) with entries between 0 and 1",
    },
    "args_bernoulli_m_step": {
        "ja": "X の形は (n, d) で要素は 0 か 1、responsibilities は (n, K)",
        "en": "X of shape (n, d) with entries 0 or 1, responsibilities (n, K)",
    },
    # the guard: what to do instead
    "hint_guard_bernoulli_log_pdf": {
        "ja": "章と同じように、{quantity}を numpy で計算すること（X @ np.log(p).T と (1 − X) @ np.log(1 − p).T の和）。{reference} はあなたの答えと比べる参照実装なので、それを呼んだ答えは何も確かめたことにならない。",
        "en": "Compute the {quantity} with numpy, as in the chapter (X @ np.log(p).T plus (1 − X) @ np.log(1 − p).T). {reference} is what your answer is compared with, so an answer that calls it shows nothing.",
    },
    "hint_guard_bernoulli_m_step": {
        "ja": "章と同じように、{quantity}を numpy で計算すること（N_k、phi、p の 3 行）。{reference} はあなたの答えと比べる参照実装なので、それを呼んだ答えは何も確かめたことにならない。",
        "en": "Compute the {quantity} with numpy, as in the chapter (three lines: N_k, phi, p). {reference} is what your answer is compared with, so an answer that calls it shows nothing.",
    },
    # hints: the log-probability
    "hint_bern_no_complement": {
        "ja": "Σ_i x_ni ln p_ki の項しかないようである。x_ni = 0 の画素も確率 1 − p_ki として対数確率に寄与する: ln p(x_n | p_k) = Σ_i [x_ni ln p_ki + (1 − x_ni) ln(1 − p_ki)]。(1 − X) @ np.log(1 − p).T を足すこと。",
        "en": "Only the term Σ_i x_ni ln p_ki seems to be there. A pixel with x_ni = 0 counts too, with probability 1 − p_ki: ln p(x_n | p_k) = Σ_i [x_ni ln p_ki + (1 − x_ni) ln(1 − p_ki)]. Add (1 − X) @ np.log(1 − p).T.",
    },
    "hint_bern_complement_no_log": {
        "ja": "(1 − x_ni) の項で対数をとっていないようである。(1 − x_ni) ln(1 − p_ki) であり、(1 − x_ni)(1 − p_ki) ではない。",
        "en": "The (1 − x_ni) term seems to have no logarithm. It is (1 − x_ni) ln(1 − p_ki), not (1 − x_ni)(1 − p_ki).",
    },
    "hint_bern_swapped": {
        "ja": "ln p と ln(1 − p) が入れ替わっているようである。x_ni = 1 の画素の確率は p_ki、x_ni = 0 の画素の確率は 1 − p_ki である。",
        "en": "ln p and ln(1 − p) seem to be swapped. A pixel with x_ni = 1 has probability p_ki; a pixel with x_ni = 0 has probability 1 − p_ki.",
    },
    "hint_bern_probability": {
        "ja": "確率そのもの（画素ごとの確率の積）を返しているようである。返すのはその対数 ln p(x_n | p_k) である。積の対数ではなく、画素ごとの対数の和として計算すること。",
        "en": "It looks like the probability itself (the product over the pixels) is returned. Return its logarithm ln p(x_n | p_k), computed as a sum of logs over the pixels, not as the log of a product.",
    },
    "hint_bern_mean": {
        "ja": "画素について平均をとっているようである。画素は独立なので対数確率は画素ごとの対数の和である: axis=1 で sum をとる（d で割らない）。",
        "en": "It looks like a mean over the pixels. The pixels are independent, so the log-probability is the sum of the per-pixel logs: sum over axis=1 (do not divide by d).",
    },
    "hint_bern_log_pdf": {
        "ja": "ln p(x_n | p_k) = Σ_i [x_ni ln p_ki + (1 − x_ni) ln(1 − p_ki)] の各部分を確かめよ。結果の形は (n, K) で、要素 [n, k] がデータ点 n と成分 k の組である。",
        "en": "Check each part of ln p(x_n | p_k) = Σ_i [x_ni ln p_ki + (1 − x_ni) ln(1 − p_ki)]. The result has shape (n, K); element [n, k] belongs to data point n and component k.",
    },
    "hint_bern_underflow": {
        "ja": "d = 64 のように画素が多いと、画素ごとの確率の積は 10⁻³⁰⁸ より小さくなり 0 にアンダーフローする（その対数は −inf）。積をとってから対数をとるのではなく、画素ごとに対数をとってから和をとること: X @ np.log(p).T + (1 − X) @ np.log(1 − p).T。",
        "en": "With many pixels, such as d = 64, the product of the per-pixel probabilities falls below 1e-308 and underflows to 0 (whose log is -inf). Take the log of each pixel's probability first and then sum, instead of taking the log of the product: X @ np.log(p).T + (1 − X) @ np.log(1 − p).T.",
    },
    "hint_bern_large_values": {
        "ja": "通常のケースが正しいので式は合っている。このケースのプロトタイプは 0 と 1 から 1e-12 以内にあり、ln p_ki や ln(1 − p_ki) は約 −27.6 になる。p を np.clip で切り詰めたり、対数の中に小さな数を足したりすると、この値が変わってしまう。np.log(p) と np.log(1 − p) をそのまま使うこと。",
        "en": "The ordinary cases are right, so the formula is right. Here the prototypes lie within 1e-12 of 0 and 1, where ln p_ki or ln(1 − p_ki) is about −27.6. Clipping p (np.clip) or adding a small number inside the log changes these values: use np.log(p) and np.log(1 − p) as they are.",
    },
    # verdicts of the large case
    "almost_bern_large": {
        "ja": "通常の {count} 個のケースは正しいが、d = {d} 画素で確率がほぼ 0 か 1 のプロトタイプのケースで{what}。",
        "en": "The {count} ordinary cases are right, but in the case with d = {d} pixels and prototypes whose probabilities are close to 0 or 1, {what}.",
    },
    "correct_bern_large": {
        "ja": "d = {d} 画素のケースでも、アンダーフローせずに有限の正しい値が得られている。",
        "en": "It also gives the right finite values for d = {d} pixels, without underflow.",
    },
    # hints: the M-step
    "hint_bern_m_return": {
        "ja": "ベルヌーイ混合の M ステップは (phi, p) の 2 つを返す: return phi, p。",
        "en": "The M-step of a Bernoulli mixture returns two things: return phi, p.",
    },
    "hint_bern_p_over_n": {
        "ja": "p_k を N（データ点の数）で割っているようである。割るのは成分 k の実効的な点数 N_k = Σ_n γ_nk である: p_k = Σ_n γ_nk x_n / N_k。",
        "en": "p_k seems to be divided by N, the number of data points. Divide by the effective number of points of component k, N_k = Σ_n γ_nk: p_k = Σ_n γ_nk x_n / N_k.",
    },
    "hint_bern_p_not_divided": {
        "ja": "p_k が N_k で割られていない（値が 1 を超えている）。p_k = Σ_n γ_nk x_n / N_k である。",
        "en": "p_k is not divided by N_k (its values exceed 1). p_k = Σ_n γ_nk x_n / N_k.",
    },
    "hint_bern_p_unweighted": {
        "ja": "すべての成分の p_k が全データの平均になっている: 負担率で重みをつけていないようである。p_k = Σ_n γ_nk x_n / N_k（responsibilities.T @ X / N_k[:, None]）である。",
        "en": "Every p_k is the mean of all the data: the responsibilities seem not to weight the points. p_k = Σ_n γ_nk x_n / N_k (responsibilities.T @ X / N_k[:, None]).",
    },
    "hint_bern_p_hard": {
        "ja": "各点を負担率が最大の成分だけに数えているようである（k-means のような硬い割り当て）。M ステップは負担率 γ_nk を重みとしてすべての点を数える。",
        "en": "Each point seems to count only for the component with its largest responsibility (a hard assignment, as in k-means). The M-step counts every point with weight γ_nk.",
    },
    "hint_bern_p": {
        "ja": "プロトタイプは p_k = Σ_n γ_nk x_n / N_k（responsibilities.T @ X / N_k[:, None]）、形は (K, d) である。",
        "en": "The prototypes are p_k = Σ_n γ_nk x_n / N_k (responsibilities.T @ X / N_k[:, None]), of shape (K, d).",
    },
}
