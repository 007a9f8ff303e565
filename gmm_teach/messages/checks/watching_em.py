"""Chapter 06 (gmm_teach.checks.watching_em): the bars of a responsibility video, how far the means still move."""

MESSAGES = {
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
}
