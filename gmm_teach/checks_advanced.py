"""Exercise checkers for chapter 06 (animation), chapter 07 (why EM works) and chapter 08 (where EM fails).

    from gmm_teach import checks_advanced
    def lower_bound(X, phi, mu, sigma, q): ...
    checks_advanced.check_lower_bound(lower_bound)

    chapter 06
    check_update_bars(func)       func(bars, X, params, i) -> bars: the K bars' heights set in place to the
                                  responsibilities of X[i] under params (one frame of a bar-chart video)
    check_max_mean_step(func)     func(result, start) -> the largest distance a mean moves in one
                                  iteration t, start <= t <= result.n_iter
    chapter 07
    check_lower_bound(func)       func(X, phi, mu, sigma, q) -> L(q, theta), a number
    check_increase_parts(func)    func(X, old, new) -> (gain, gap): the M-step's rise of L and the new KL gap
    chapter 08
    check_best_of_restarts(func)  func(X, K, seeds) -> the best EMResult of gt.fit over the seeds,
                                  skipping the seeds whose run collapses
    check_soft_assign(func)       func(X, mu, sigma) -> responsibilities (n, K) with equal weights and
                                  Sigma_k = sigma^2 I (the road from EM to k-means)

They work like gmm_teach.checks (and reuse its CheckResult and helpers): the learner's
function runs on a few fixed cases, its answer is compared with gmm_teach's own, and a wrong
answer is compared with the answers of the typical mistakes to name the mistake. A numerically
hard case (a q with zeros, a tiny sigma) gives the verdict "almost" when only it fails.
Verdicts and hints are in the current language (``gmm_teach.set_language``).
"""
from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass

import numpy as np

from . import checks as _base
from .checks import CheckResult, _Case, _checker, _close, _join, _num, _result, _wrong
from .data import TEXTBOOK_TRUTH, sample
from .em import (ComponentCollapseError, ConvergenceWarning, EMResult, e_step as _ref_e_step, fit as _ref_fit,
                 init_params as _ref_init_params, kl_divergence as _ref_kl, log_likelihood as _ref_log_likelihood,
                 lower_bound as _ref_lower_bound, m_step as _ref_m_step)
from .i18n import get_language, say
from .params import GMMParams, from_components

# --- what the learner sees -----------------------------------------------------------------

MESSAGES = {
    "ja": {
        # shared
        "value_mismatch": "{case} で{quantity}が参照実装と一致しない: {expected} であるべきところ {got} になっている。",
        "not_a_number": "{case} で 1 つの数ではなく {what} が返った。",
        "hint_not_callable_adv": "関数そのものを、括弧をつけずに渡すこと: checks_advanced.check_{name}(my_{name})。my_{name}(...) と書くと、関数を呼んだ結果が渡されてしまう。",
        "q_bound": "下界 L(q, θ) ",
        "q_gain": "下界の増分 (gain) ",
        "q_gap": "ギャップ (gap) ",
        "q_best_ll": "返した結果の最終の対数尤度",
        "type_float": "実数",
        "type_params": "GMMParams",
        "type_seeds": "整数のリスト",
        "type_bars": "ax.bar が返す棒 (BarContainer)",
        "type_result": "gt.fit が返す EMResult",
        # chapter 06: update_bars
        "q_heights": "棒の高さ",
        "bars_returned_other": "{case} で棒の高さは正しいが、bars ではなく {what} が返った。",
        "hint_bars_return": "最後に return bars として、受け取った bars そのものを返すこと。FuncAnimation の各フレームの関数は、書き換えた棒を返す必要がある。",
        "bars_untouched": "{case} で棒の高さが 1 本も変わっていない (すべて 0 のまま)。",
        "hint_bars_untouched": "受け取った bars の各棒を bar.set_height(...) でその場で書き換えること。ax.bar(...) で新しい棒を作ったり、図を描き直したりしても、渡された bars は変わらない。",
        "bars_fixed_three": "{case} で関数の実行中にエラーが起きた: {error}",
        "hint_bars_fixed_three": "成分の数を 3 と決め打ちしているようである。K は場合によって変わる: for bar, gamma in zip(bars, responsibilities) のように、棒と負担率を組にしてまわすこと。",
        "hint_bars_phi": "混合係数 φ を棒の高さにしているようである。求めるのは点 X[i] の負担率 γ_ik であり、点によって異なる。",
        "hint_bars_density": "正規化する前の φ_k N(x_i | μ_k, Σ_k) になっているようである。負担率は、これを k について和が 1 になるよう正規化したものである。",
        "hint_bars_no_phi": "混合係数 φ が掛けられていないようである。負担率は φ_k N(x_i | μ_k, Σ_k) を k について正規化したものである。",
        "hint_bars_log": "負担率の対数を棒の高さにしているようである。np.exp をとった負担率そのものを使うこと。",
        "hint_bars_hard": "硬い割り当て (負担率が最大の成分に 1、ほかに 0) になっているようである。棒の高さは負担率そのものである。",
        "hint_bars_point_0": "点 X[i] ではなく点 X[0] の負担率になっているようである。gt.e_step(X, params)[0] の i 行目 (または gt.e_step(X[i:i + 1], params)[0][0]) を使うこと。",
        "hint_bars_fixed_K": "最後の棒の高さが 0 のままである。成分の数を 3 と決め打ちしているようである: for bar, gamma in zip(bars, responsibilities) のように、すべての棒をまわすこと。",
        "hint_bars": "点 X[i] の負担率は gt.e_step(X, params)[0][i] (形 (K,)) である。k 番目の棒の高さをその k 番目の値にすること。",
        # chapter 06: max_mean_step
        "q_step": "最大の移動距離",
        "step_not_a_number": "{case} で 1 つの数ではなく {what} が返った。",
        "hint_step_number": "すべての反復と成分についての最大値を 1 つの数として返すこと (例えば np.max(...) や max(...))。",
        "step_empty": "{case} (start = n_iter、最後の反復だけ) で、空の列の最大値をとろうとしてエラーになった。",
        "step_mismatch": "{case} で返った値は {got} であるが、正しい最大の移動距離は {expected} である。",
        "hint_step_exclude_start": "反復 start の移動が入っていないようである。反復 t の移動は history[t] と history[t - 1] の差であり、t = start も含める: range(start, result.n_iter + 1)。",
        "hint_step_include_before": "反復 start − 1 の移動まで入っているようである。反復 t の移動は history[t] − history[t − 1] であり、t は start から始める。",
        "hint_step_all": "start より前の反復の移動も入っているようである。反復 start 以降 (start を含む) だけで最大値をとること。",
        "hint_step_mean": "反復についての平均をとっているようである。求めるのは最大値である。",
        "hint_step_sum_components": "成分について和をとっているようである。各反復で最も大きく動いた平均の距離 (成分についての最大値) を使うこと。",
        "hint_step_frobenius": "K 個の平均の差をまとめた (K, d) 行列全体のノルムになっているようである。np.linalg.norm(..., axis=1) で成分ごとの距離を求め、その最大値をとること。",
        "hint_step_squared": "2 乗距離になっているようである。距離は ‖μ_k^(t) − μ_k^(t−1)‖ であり、平方根をとる (np.linalg.norm)。",
        "hint_step_coordinate": "座標ごとの差の絶対値の最大値になっているようである。距離はユークリッド距離 ‖μ_k^(t) − μ_k^(t−1)‖ = np.linalg.norm(..., axis=1) である。",
        "hint_step_argmax": "最大の移動が起きた反復の番号を返しているようである。返すのは移動距離そのものである。",
        "hint_step": "反復 t の移動は np.linalg.norm(result.history[t].mu - result.history[t - 1].mu, axis=1) (形 (K,)) である。t = start, …, result.n_iter について、その最大値をとること。",
        # lower bound
        "correct_hard_q": "0 を含む q (硬い割り当て) でも正しい値が得られている。",
        "almost_hard_q": "通常の {count} 個のケースは正しいが、0 を含む q (各点を 1 つの成分に決め打ちする硬い割り当て) のケースで{what}。",
        "hint_sum_all": "下界は n と k の両方について和をとった 1 つの数である: np.sum(q * (...)) のように全要素の和を返すこと。",
        "hint_lb_no_entropy": "−Σ q ln q の項が抜けているようである (返した値は Σ_n Σ_k q_nk ln φ_k N(x_n | μ_k, Σ_k))。下界は L(q, θ) = Σ_n Σ_k q_nk [ln φ_k N(x_n | μ_k, Σ_k) − ln q_nk] である。",
        "hint_lb_entropy_sign": "ln q_nk の符号が逆のようである。L(q, θ) = Σ_n Σ_k q_nk [ln φ_k N(x_n | μ_k, Σ_k) − ln q_nk] であり、ln q_nk は引く。",
        "hint_lb_forgot_phi": "混合係数 φ が抜けているようである。分子は φ_k N(x_n | μ_k, Σ_k) であり、その対数は ln φ_k + ln N(x_n | μ_k, Σ_k) である。",
        "hint_lb_log_likelihood": "対数尤度 ln p(X | θ) を返しているようである。下界は q によって変わり、対数尤度と等しくなるのは q が負担率 γ に等しいときだけである。",
        "hint_lb_mean": "データ点について平均しているようである。下界は n についての和である (n で割らない)。",
        "hint_lb_kl": "KL ダイバージェンスを返しているようである。下界は L = ln p(X | θ) − KL である。",
        "hint_lb_neg_kl": "ln φ_k N(x_n | μ_k, Σ_k) の代わりに負担率の対数 ln γ_nk を使っているようである (返した値は −KL)。分子は正規化する前の φ_k N(x_n | μ_k, Σ_k) である。",
        "hint_lb": "L(q, θ) = Σ_n Σ_k q_nk [ln φ_k + ln N(x_n | μ_k, Σ_k) − ln q_nk] の各部分を確かめよ。ln N には gt.log_pdf(X, mu, sigma) (形 (n, K)) が使える。",
        "hint_zero_q": "q_nk = 0 の項では q_nk ln q_nk = 0 · (−∞) = NaN になる。q → 0 で q ln q → 0 となる極限に合わせて、その項を 0 とすること: np.where(q > 0, q * np.log(np.where(q > 0, q, 1.0)), 0.0) や scipy.special.xlogy(q, q)、あるいは q > 0 の要素だけで和をとる。",
        # increase parts
        "correct_parts": "ケース 3 の new は M ステップの結果ではないので下界の増分は負 (gain = {gain}) であるが、それでも gain + gap = Δ ln p が成り立つ。",
        "returned_pair": "{case} で 2 つの数の組 (gain, gap) ではなく {what} が返った。",
        "hint_pair": "return gain, gap のように、2 つの数を組にして返すこと。",
        "hint_parts_q_new": "gap が 0 になっている: q を new のもとで計算しているようである。q は E ステップの負担率、すなわち old のもとでの事後分布 γ = gt.e_step(X, old)[0] である。M ステップの後、この q と new のもとでの事後分布との間にギャップが開く。",
        "hint_parts_swapped": "gain と gap が入れ替わっているようである。返す順は (gain, gap) である。",
        "hint_parts_total": "gain として対数尤度の増分 ln p(X | new) − ln p(X | old) 全体を返しているようである。gain は q を固定したときの下界の増分 L(q, new) − L(q, old) であり、対数尤度の増分は gain + gap である。",
        "hint_parts_kl_reversed": "KL の向きが逆のようである。gap = KL(q ‖ p(Z | X, new)) = Σ_n Σ_k q_nk ln(q_nk / γ_nk^new) であり、重みは q である。",
        "hint_parts_kl_old": "gap が 0 になっている: KL を old のもとでの事後分布と比べているようである。E ステップの直後なので KL(q ‖ p(Z | X, old)) = 0 である。M ステップの後のギャップは KL(q ‖ p(Z | X, new)) である。",
        "hint_parts_gap_sign": "gap の符号が逆のようである。KL ダイバージェンスは 0 以上である: gap = Σ_n Σ_k q_nk (ln q_nk − ln γ_nk^new)。",
        "hint_parts": "q = gt.e_step(X, old)[0] として、gain = L(q, new) − L(q, old)、gap = KL(q ‖ p(Z | X, new)) である。gt.lower_bound(X, params, q) と gt.kl_divergence(X, params, q) が使える。",
        # best of restarts
        "returned_result": "{case} で EMResult ではなく {what} が返った。",
        "hint_return_result": "gt.fit が返した EMResult (最終の対数尤度が最も大きいもの) をそのまま返すこと。",
        "restarts_mismatch": "{case} で返した結果の最終の対数尤度は {got} であるが、成功したシードの中で最大の値は {best} (シード {seed}) である。",
        "restarts_collapse": "{case} でシード {seed} の実行が ComponentCollapseError を出し、関数が止まった。",
        "hint_restarts_catch": "成分がつぶれたシードでは gt.fit が gt.ComponentCollapseError を出す。try: ... except gt.ComponentCollapseError: continue として、そのシードを飛ばすこと。",
        "hint_restarts_min": "対数尤度が最も小さい結果を返しているようである。最大のものを選ぶこと (max と min、> と < を確かめよ)。",
        "hint_restarts_first": "最初に成功したシードの結果を返しているようである。すべてのシードを試し、最終の対数尤度 result.log_likelihoods[-1] が最大の結果を返すこと。",
        "hint_restarts_last": "最後に成功したシードの結果を返しているようである。これまでの最良の結果を覚えておき、より良い結果が出たときだけ置き換えること。",
        "hint_restarts_higher": "どのシードの正しい実行よりも大きい対数尤度である。reg_covar=0.0 以外で推定していないか確かめよ。reg_covar > 0 では、つぶれるはずの実行が 1 点に張りついた成分のまま終わり、見かけ上大きな対数尤度を持つ。",
        "hint_restarts_settings": "各シード s について gt.fit(X, K, init=\"random\", seed=s, reg_covar=0.0) を実行すること (他の引数は既定値のまま)。",
        "correct_restarts": "つぶれたシード (ケース 1 ではシード {seeds}) を飛ばし、最良の結果を選べている。",
        # soft assign
        "correct_small_sigma": "σ = {sigma} という小さな σ でも NaN を出さない。",
        "almost_small_sigma": "通常の {count} 個のケースは正しいが、σ = {sigma} のケースで{what}。",
        "hint_small_sigma": "σ が小さいと exp(−‖x_n − μ_k‖² / (2σ²)) はすべて 0 にアンダーフローし、正規化で 0/0 = NaN になる。対数のまま a_nk = −‖x_n − μ_k‖² / (2σ²) を計算し、各行の最大値を引いてから exp をとること (log-sum-exp、03 章)。",
        "hint_soft_no_half": "指数の 1/2 が抜けているようである: γ_nk ∝ exp(−‖x_n − μ_k‖² / (2σ²))。",
        "hint_soft_sigma_not_squared": "σ² ではなく σ で割っているようである: γ_nk ∝ exp(−‖x_n − μ_k‖² / (2σ²))。",
        "hint_soft_distance_not_squared": "距離を 2 乗していないようである。指数には 2 乗距離 ‖x_n − μ_k‖² = Σ_i (x_ni − μ_ki)² が入る。",
        "hint_soft_hard": "硬い割り当て (最も近い平均に 1) を返しているようである。それは σ → 0 の極限である。ここでは与えられた σ での負担率 γ_nk ∝ exp(−‖x_n − μ_k‖² / (2σ²)) を返すこと。",
        "hint_soft_sign": "指数の符号が逆のようである。遠い平均ほど負担率が小さくなる: exp(−‖x_n − μ_k‖² / (2σ²))。",
        "hint_soft_rows": "各行の和が 1 になっていない (行 {row} の和は {total})。各点 (各行) ごとに k について正規化すること。",
        "hint_soft_columns": "各列の和が 1 になっている: 成分ごとに正規化しているようである。各点 (各行) について k で和をとると 1 になるよう、sum(axis=1, keepdims=True) で割ること。",
        "hint_soft_log": "負担率の対数を返しているようである。最後に np.exp をとること。",
        "hint_soft": "負担率は γ_nk = exp(−‖x_n − μ_k‖² / (2σ²)) / Σ_j exp(−‖x_n − μ_j‖² / (2σ²)) である (混合係数はすべて 1/K、Σ_k = σ² I なので、それ以外の因子は打ち消し合う)。2 乗距離は ((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2) で形 (n, K) になる。",
    },
    "en": {
        "value_mismatch": "In {case}, the {quantity} differs from the reference: it should be {expected} but is {got}.",
        "not_a_number": "In {case}, {what} came back instead of a single number.",
        "hint_not_callable_adv": "Pass the function itself, without parentheses: checks_advanced.check_{name}(my_{name}). Writing my_{name}(...) passes the result of calling it.",
        "q_bound": "lower bound L(q, θ)",
        "q_gain": "gain in the bound",
        "q_gap": "gap",
        "q_best_ll": "final log-likelihood of the returned result",
        "type_float": "a number",
        "type_params": "a GMMParams",
        "type_seeds": "a list of integers",
        "type_bars": "the bars ax.bar returns (a BarContainer)",
        "type_result": "the EMResult gt.fit returns",
        "q_heights": "heights of the bars",
        "bars_returned_other": "In {case}, the heights of the bars are right, but {what} came back instead of bars.",
        "hint_bars_return": "End with return bars, returning the bars you received. The function of each frame of a FuncAnimation has to return the artists it changed.",
        "bars_untouched": "In {case}, not one bar changed height (all are still 0).",
        "hint_bars_untouched": "Change each of the bars you receive in place with bar.set_height(...). Making new bars with ax.bar(...) or redrawing the figure leaves the bars you were given unchanged.",
        "bars_fixed_three": "In {case}, the function raised an error: {error}",
        "hint_bars_fixed_three": "The number of components seems to be fixed at 3. K differs from case to case: loop over the bars and the responsibilities together, as in for bar, gamma in zip(bars, responsibilities).",
        "hint_bars_phi": "The bars seem to show the mixing weights φ. They should show the responsibilities γ_ik of the point X[i], which differ from point to point.",
        "hint_bars_density": "The bars seem to show φ_k N(x_i | μ_k, Σ_k) before normalisation. The responsibilities are these values normalised to sum to 1 over k.",
        "hint_bars_no_phi": "The mixing weights φ seem to be missing. The responsibilities are φ_k N(x_i | μ_k, Σ_k) normalised over k.",
        "hint_bars_log": "The bars seem to show the log responsibilities. Use the responsibilities themselves (apply np.exp).",
        "hint_bars_hard": "The bars seem to show a hard assignment (1 for the most responsible component, 0 for the others). Their heights are the responsibilities themselves.",
        "hint_bars_point_0": "The bars seem to show the responsibilities of X[0] instead of X[i]. Use row i of gt.e_step(X, params)[0] (or gt.e_step(X[i:i + 1], params)[0][0]).",
        "hint_bars_fixed_K": "The last bar is still at height 0. The number of components seems to be fixed at 3: loop over all the bars, as in for bar, gamma in zip(bars, responsibilities).",
        "hint_bars": "The responsibilities of the point X[i] are gt.e_step(X, params)[0][i] (shape (K,)). Set the height of bar k to the k-th of them.",
        "q_step": "largest step",
        "step_not_a_number": "In {case}, {what} came back instead of a single number.",
        "hint_step_number": "Return the maximum over all the iterations and components as one number (with np.max(...) or max(...), for example).",
        "step_empty": "In {case} (start = n_iter: the last iteration only), the function took the maximum of an empty sequence and raised an error.",
        "step_mismatch": "In {case}, the function returned {got}, but the largest step is {expected}.",
        "hint_step_exclude_start": "The step of iteration start seems to be left out. The step of iteration t is the difference between history[t] and history[t - 1], and t = start is included: range(start, result.n_iter + 1).",
        "hint_step_include_before": "The step of iteration start − 1 seems to be included. The step of iteration t is history[t] − history[t − 1], and t begins at start.",
        "hint_step_all": "The steps of the iterations before start seem to be included. Take the maximum over the iterations from start on (start included) only.",
        "hint_step_mean": "The steps seem to be averaged over the iterations. The task asks for the largest one.",
        "hint_step_sum_components": "The steps seem to be summed over the components. In each iteration use the distance of the mean that moved the most (the maximum over the components).",
        "hint_step_frobenius": "The norm seems to be taken of the whole (K, d) matrix of differences of the K means. Use np.linalg.norm(..., axis=1) for the distance of each component, then take the maximum.",
        "hint_step_squared": "The distances seem to be squared. The distance is ‖μ_k^(t) − μ_k^(t−1)‖, with the square root (np.linalg.norm).",
        "hint_step_coordinate": "This is the largest absolute difference of a single coordinate. The distance is the Euclidean one, ‖μ_k^(t) − μ_k^(t−1)‖ = np.linalg.norm(..., axis=1).",
        "hint_step_argmax": "The iteration in which the largest step happens seems to be returned. Return the distance itself.",
        "hint_step": "The steps of iteration t are np.linalg.norm(result.history[t].mu - result.history[t - 1].mu, axis=1) (shape (K,)). Take their maximum over t = start, ..., result.n_iter.",
        "correct_hard_q": "It also gives the right value for a q with zeros (a hard assignment).",
        "almost_hard_q": "The {count} ordinary cases are right, but in the case where q contains zeros (a hard assignment of each point to one component), {what}.",
        "hint_sum_all": "The bound is one number, summed over both n and k: return the sum of all elements, as in np.sum(q * (...)).",
        "hint_lb_no_entropy": "The term −Σ q ln q seems to be missing (the value returned is Σ_n Σ_k q_nk ln φ_k N(x_n | μ_k, Σ_k)). The bound is L(q, θ) = Σ_n Σ_k q_nk [ln φ_k N(x_n | μ_k, Σ_k) − ln q_nk].",
        "hint_lb_entropy_sign": "The sign of ln q_nk seems to be flipped. L(q, θ) = Σ_n Σ_k q_nk [ln φ_k N(x_n | μ_k, Σ_k) − ln q_nk]: ln q_nk is subtracted.",
        "hint_lb_forgot_phi": "The mixing weights φ seem to be missing. The numerator is φ_k N(x_n | μ_k, Σ_k), whose log is ln φ_k + ln N(x_n | μ_k, Σ_k).",
        "hint_lb_log_likelihood": "This is the log-likelihood ln p(X | θ). The bound depends on q, and equals the log-likelihood only when q equals the responsibilities γ.",
        "hint_lb_mean": "It seems to be averaged over the data points. The bound is a sum over n (no division by n).",
        "hint_lb_kl": "This is the KL divergence. The bound is L = ln p(X | θ) − KL.",
        "hint_lb_neg_kl": "The log responsibilities ln γ_nk seem to be used in place of ln φ_k N(x_n | μ_k, Σ_k) (the value returned is −KL). The numerator is the unnormalised φ_k N(x_n | μ_k, Σ_k).",
        "hint_lb": "Check each part of L(q, θ) = Σ_n Σ_k q_nk [ln φ_k + ln N(x_n | μ_k, Σ_k) − ln q_nk]. gt.log_pdf(X, mu, sigma) gives ln N with shape (n, K).",
        "hint_zero_q": "Where q_nk = 0, q_nk ln q_nk = 0 · (−∞) = NaN. Give such terms their limit, 0 (q ln q → 0 as q → 0): np.where(q > 0, q * np.log(np.where(q > 0, q, 1.0)), 0.0), scipy.special.xlogy(q, q), or sum over the elements with q > 0 only.",
        "correct_parts": "In case 3, new is not the result of an M-step, so the bound falls (gain = {gain}); gain + gap = Δ ln p holds all the same.",
        "returned_pair": "In {case}, {what} came back instead of a pair of numbers (gain, gap).",
        "hint_pair": "Return the two numbers as a pair: return gain, gap.",
        "hint_parts_q_new": "The gap is 0: q seems to be computed under new. q is the E-step's responsibilities, the posterior under old: γ = gt.e_step(X, old)[0]. After the M-step a gap opens between this q and the posterior under new.",
        "hint_parts_swapped": "gain and gap seem to be swapped. Return them in the order (gain, gap).",
        "hint_parts_total": "The gain seems to be the whole increase of the log-likelihood, ln p(X | new) − ln p(X | old). The gain is the rise of the bound with q held fixed, L(q, new) − L(q, old); the log-likelihood rises by gain + gap.",
        "hint_parts_kl_reversed": "The KL seems to be the wrong way round. gap = KL(q ‖ p(Z | X, new)) = Σ_n Σ_k q_nk ln(q_nk / γ_nk^new), weighted by q.",
        "hint_parts_kl_old": "The gap is 0: the KL seems to compare q with the posterior under old. Right after the E-step KL(q ‖ p(Z | X, old)) = 0; the gap after the M-step is KL(q ‖ p(Z | X, new)).",
        "hint_parts_gap_sign": "The sign of the gap seems to be flipped. A KL divergence is never negative: gap = Σ_n Σ_k q_nk (ln q_nk − ln γ_nk^new).",
        "hint_parts": "With q = gt.e_step(X, old)[0]: gain = L(q, new) − L(q, old) and gap = KL(q ‖ p(Z | X, new)). gt.lower_bound(X, params, q) and gt.kl_divergence(X, params, q) compute these.",
        "returned_result": "In {case}, {what} came back instead of an EMResult.",
        "hint_return_result": "Return the EMResult that gt.fit returned (the one with the largest final log-likelihood), as it is.",
        "restarts_mismatch": "In {case}, the returned result has final log-likelihood {got}, but the best of the successful seeds is {best} (seed {seed}).",
        "restarts_collapse": "In {case}, the run with seed {seed} raised ComponentCollapseError and the function stopped.",
        "hint_restarts_catch": "For a seed whose run collapses, gt.fit raises gt.ComponentCollapseError. Skip that seed: try: ... except gt.ComponentCollapseError: continue.",
        "hint_restarts_min": "The result with the smallest log-likelihood seems to be returned. Choose the largest (check max against min, > against <).",
        "hint_restarts_first": "The result of the first successful seed seems to be returned. Try every seed and return the result whose final log-likelihood result.log_likelihoods[-1] is largest.",
        "hint_restarts_last": "The result of the last successful seed seems to be returned. Keep the best result so far and replace it only when a better one comes.",
        "hint_restarts_higher": "This log-likelihood is higher than that of every allowed run. Check that every fit uses reg_covar=0.0: with reg_covar > 0 a run that would collapse ends with a component stuck on a point, and a deceptively high log-likelihood.",
        "hint_restarts_settings": "For each seed s run gt.fit(X, K, init=\"random\", seed=s, reg_covar=0.0) (the other arguments at their defaults).",
        "correct_restarts": "It skips the seeds that collapse (seeds {seeds} in case 1) and picks the best result.",
        "correct_small_sigma": "It gives no NaN even for a small σ = {sigma}.",
        "almost_small_sigma": "The {count} ordinary cases are right, but in the case with σ = {sigma}, {what}.",
        "hint_small_sigma": "For a small σ every exp(−‖x_n − μ_k‖² / (2σ²)) underflows to 0 and the normalisation gives 0/0 = NaN. Work with the logs a_nk = −‖x_n − μ_k‖² / (2σ²), subtract each row's maximum and only then exponentiate (log-sum-exp, chapter 03).",
        "hint_soft_no_half": "The 1/2 in the exponent seems to be missing: γ_nk ∝ exp(−‖x_n − μ_k‖² / (2σ²)).",
        "hint_soft_sigma_not_squared": "It seems to divide by σ instead of σ²: γ_nk ∝ exp(−‖x_n − μ_k‖² / (2σ²)).",
        "hint_soft_distance_not_squared": "The distance does not seem to be squared. The exponent holds the squared distance ‖x_n − μ_k‖² = Σ_i (x_ni − μ_ki)².",
        "hint_soft_hard": "A hard assignment (1 for the nearest mean) seems to be returned. That is the limit σ → 0; here return the responsibilities at the given σ, γ_nk ∝ exp(−‖x_n − μ_k‖² / (2σ²)).",
        "hint_soft_sign": "The sign of the exponent seems to be flipped. A farther mean gets a smaller responsibility: exp(−‖x_n − μ_k‖² / (2σ²)).",
        "hint_soft_rows": "The rows do not sum to 1 (row {row} sums to {total}). Normalise over k for each point (each row).",
        "hint_soft_columns": "Each column sums to 1: the normalisation seems to be per component. Each point's responsibilities (each row) must sum to 1 over k: divide by sum(axis=1, keepdims=True).",
        "hint_soft_log": "The log responsibilities seem to be returned. Apply np.exp at the end.",
        "hint_soft": "The responsibilities are γ_nk = exp(−‖x_n − μ_k‖² / (2σ²)) / Σ_j exp(−‖x_n − μ_j‖² / (2σ²)) (the weights are all 1/K and Σ_k = σ² I, so every other factor cancels). ((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2) gives the squared distances, shape (n, K).",
    },
}


def _t(key: str, **values) -> str:
    """A message of this module, or of gmm_teach.checks (verdict words, 'case', shapes, ...)."""
    if key in MESSAGES["en"]:
        return say(MESSAGES, key, **values)
    return _base._t(key, **values)


# --- calling the learner's function --------------------------------------------------------------

@dataclass(frozen=True)
class _Spec:
    name: str  # "lower_bound"
    call: str  # "lower_bound(X, phi, mu, sigma, q)"
    shapes: tuple  # (("X", "(n, d)"), ...); "int", "float", "params", "seeds", "bars", "result" in words

    @property
    def shapes_text(self) -> str:
        ja = get_language() == "ja"
        words = {"int": "整数" if ja else "an integer", "float": _t("type_float"), "params": _t("type_params"),
                 "seeds": _t("type_seeds"), "bars": _t("type_bars"), "result": _t("type_result")}
        parts = []
        for i, (arg, shape) in enumerate(self.shapes):
            if shape in words:
                word = words[shape]
                parts.append(f"{arg} は{' ' if ja and word[:1].isascii() else ''}{word}" if ja else f"{arg} {word}")
            elif ja:
                parts.append(f"{arg} の形は {shape}" if i == 0 else f"{arg} は {shape}")
            else:
                parts.append(f"{arg} of shape {shape}" if i == 0 else f"{arg} {shape}")
        return ("、" if ja else ", ").join(parts)


def _copy(value):
    return np.array(value, copy=True) if isinstance(value, np.ndarray) else (list(value) if isinstance(value, list)
                                                                              else value)


def _call(spec: _Spec, func, case: _Case, on_error=None):
    """func(*case.args) on fresh copies; an exception becomes a one-line verdict (on_error may name it first)."""
    if not callable(func):
        raise _wrong(spec.name, _t("not_callable", type=type(func).__name__),
                     _t("hint_not_callable_adv", name=spec.name))
    args = tuple(_copy(a) for a in case.args)
    try:
        return func(*args)
    except Exception as exc:  # one line the learner can act on; no traceback
        if on_error is not None:
            on_error(exc)
        raise _base._verdict_for_exception(spec, case, exc, _t) from None


def _describe_value(value) -> str:
    """'an array of shape (10,)' / 'None' / 'tuple' for messages."""
    if isinstance(value, np.ndarray):
        return ("形 " if get_language() == "ja" else "an array of shape ") + _base._shape_text(value.shape) + (
            " の配列" if get_language() == "ja" else "")
    return type(value).__name__


def _scalar(spec: _Spec, case: _Case, value, finite: bool = True) -> float:
    """The returned value as one float (0-d or one-element arrays are fine), or a verdict."""
    if value is None:
        raise _wrong(spec.name, _t("none", case=case.text), _t("hint_none"))
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise _wrong(spec.name, _t("not_numeric", case=case.text, type=type(value).__name__),
                     _t("hint_sum_all")) from None
    if array.size != 1:
        raise _wrong(spec.name, _t("not_a_number", case=case.text, what=_describe_value(array)), _t("hint_sum_all"))
    number = float(array.reshape(()))
    if finite and not np.isfinite(number):
        raise _wrong(spec.name, _t("nonfinite", case=case.text, quantity=_t("q_bound"), count=1),
                     _t("hint_nonfinite"))
    return number


def _value_mismatch(case: _Case, quantity_key: str, got: float, expected: float) -> str:
    return _t("value_mismatch", case=case.text, quantity=_t(quantity_key), expected=_num(expected), got=_num(got))


def _first_match(got_list, variants_list, order):
    """The first mistake whose answers match the learner's on every case, or None."""
    for name in order:
        if all(_close(got, variants[name]) for got, variants in zip(got_list, variants_list)):
            return name
    return None


def _xlogx(q: np.ndarray) -> np.ndarray:
    return np.where(q > 0, q * np.log(np.where(q > 0, q, 1.0)), 0.0)


# --- chapter 06: one frame of a bar-chart video -------------------------------------------------------

BARS_MISTAKES = ("phi", "density", "no_phi", "log", "hard", "point_0", "fixed_K")


def _update_bars_cases():
    """(X, params, i): K = 3 (d = 2), K = 2 (d = 1) and K = 4 (d = 2), so that a 3 written into the code shows."""
    rng = np.random.default_rng(606)
    cases = []
    for number, (n, phi, d) in enumerate(((12, (0.3, 0.5, 0.2), 2), (9, (0.6, 0.4), 1),
                                          (10, (0.1, 0.2, 0.3, 0.4), 2)), start=1):
        phi, mu, sigma, X = _base._mixture_case(rng, n, phi, d, spread=0.8)
        params = GMMParams(phi, mu, sigma)
        gamma = _ref_e_step(X, params)[0]
        i = int(np.argmin(gamma.max(axis=1)[1:])) + 1  # the most ambiguous point but point 0 (a mix-up shows)
        cases.append(_Case(number, f"n = {n}, K = {len(phi)}, d = {d}, i = {i}", (X, params, i)))
    return cases


def _update_bars_variants(X, params, i) -> dict:
    """The heights (K,), correct and with each typical mistake."""
    a = _base._log_weighted(X, params.phi, params.mu, params.sigma)["correct"]  # (n, K) ln phi_k N(x_n | k)
    gamma = _base._normalise_rows(a)
    K = params.K
    fixed = gamma[i].copy()
    fixed[3:] = 0.0  # a loop over range(3)
    return {"correct": gamma[i], "phi": params.phi.copy(), "density": np.exp(a[i]),
            "no_phi": _base._normalise_rows(a - np.log(params.phi))[i], "log": np.log(gamma[i]),
            "hard": np.eye(K)[np.argmax(gamma[i])], "point_0": gamma[0], "fixed_K": fixed}


def _new_bars(K: int):
    """K bars of height 0 on a figure outside pyplot (nothing is shown, nothing is left open)."""
    from matplotlib.figure import Figure
    return Figure().subplots().bar(range(K), np.zeros(K))


def _same_bars(returned, bars) -> bool:
    if returned is bars:
        return True
    try:
        items = list(returned)
    except TypeError:
        return False
    return len(items) == len(bars) and all(a is b for a, b in zip(items, bars))


@_checker
def check_update_bars(func) -> CheckResult:
    """Check func(bars, X, params, i) -> bars: each of the K bars (a BarContainer, as ax.bar returns) gets
    the height gamma_ik, the responsibility of component k for the point X[i] under params, set in place
    with bar.set_height; the same bars are returned. Three cases: K = 3, 2 and 4.
    """
    name = "update_bars"
    spec = _Spec(name, "update_bars(bars, X, params, i)",
                 (("bars", "bars"), ("X", "(n, d)"), ("params", "params"), ("i", "int")))
    cases = _update_bars_cases()
    got_list, returned_list, variants_list = [], [], []
    for case in cases:
        X, params, i = case.args
        bars = _new_bars(params.K)
        call_case = _Case(case.number, case.desc, (bars, X, params, i))

        def on_error(exc, case=case, K=params.K):
            if isinstance(exc, IndexError) and K < 3:
                error = type(exc).__name__ + (f": {exc}" if str(exc) else "")
                raise _wrong(name, _t("bars_fixed_three", case=case.text, error=error),
                             _t("hint_bars_fixed_three"))

        returned = _call(spec, func, call_case, on_error=on_error)
        got_list.append(np.array([bar.get_height() for bar in bars], dtype=np.float64))
        returned_list.append((returned, bars))
        variants_list.append(_update_bars_variants(X, params, i))
    for case, got, variants, (returned, _) in zip(cases, got_list, variants_list, returned_list):
        if _close(got, variants["correct"]):
            continue
        if np.all(got == 0.0):
            if returned is None:  # nothing written yet (the stub)
                raise _wrong(name, _t("none", case=case.text), _t("hint_none"))
            raise _wrong(name, _t("bars_untouched", case=case.text), _t("hint_bars_untouched"))
        mistake = _first_match(got_list, variants_list, BARS_MISTAKES)
        expected = variants["correct"]
        k = int(np.argmax(np.where(np.isclose(got, expected, rtol=_base.RTOL, atol=_base.ATOL), -1.0,
                                   np.nan_to_num(np.abs(got - expected), nan=np.inf))))
        raise _wrong(name, _t("mismatch", case=case.text, quantity=_t("q_heights"), index=f"[{k}]",
                              expected=_num(float(expected[k])), got=_num(float(got[k]))),
                     _t("hint_bars_" + mistake) if mistake else _t("hint_bars"))
    for case, (returned, bars) in zip(cases, returned_list):
        if not _same_bars(returned, bars):
            what = "None" if returned is None else _describe_value(returned)
            raise _wrong(name, _t("bars_returned_other", case=case.text, what=what), _t("hint_bars_return"))
    return _result(name, "correct", _t("correct", name=_base._func_name(func, name), count=len(cases)))


# --- chapter 06: how far the means still move ----------------------------------------------------------

STEP_MISTAKES = ("exclude_start", "include_before", "all", "mean", "sum_components", "frobenius", "squared",
                 "coordinate", "argmax")


@functools.lru_cache(maxsize=None)
def _step_fits() -> tuple:
    """Two EMResults, computed once per session: K = 3 in 2-D (textbook truth) and K = 2 in 1-D."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        X1, _ = sample(TEXTBOOK_TRUTH, 150, seed=6)
        fit1 = _ref_fit(X1, 3, init="textbook", seed=3, reg_covar=1e-6, tol=1e-4)
        truth2 = GMMParams([0.4, 0.6], [[-1.0], [1.5]], [[[0.6]], [[1.0]]])
        X2, _ = sample(truth2, 60, seed=7)
        fit2 = _ref_fit(X2, 2, init="textbook", seed=1, reg_covar=1e-6, tol=1e-4)
    return fit1, fit2


def _max_mean_step_cases():
    """(result, start): a start in the middle, start = 1 (the whole run) and start = n_iter (the last step only)."""
    fit1, fit2 = _step_fits()
    middle = max(2, fit1.n_iter // 3)
    return [_Case(1, f"K = 3, d = 2, n_iter = {fit1.n_iter}, start = {middle}", (fit1, middle)),
            _Case(2, f"K = 3, d = 2, n_iter = {fit1.n_iter}, start = 1", (fit1, 1)),
            _Case(3, f"K = 2, d = 1, n_iter = {fit2.n_iter}, start = {fit2.n_iter}", (fit2, fit2.n_iter))]


def _max_mean_step_variants(result, start) -> dict:
    mus = np.array([p.mu for p in result.history])  # (n_iter + 1, K, d)
    diff = np.diff(mus, axis=0)  # diff[t - 1]: iteration t
    steps = np.linalg.norm(diff, axis=2)  # (n_iter, K)
    per_iteration = steps.max(axis=1)  # (n_iter,)
    chosen = slice(start - 1, None)
    return {"correct": float(per_iteration[chosen].max()),
            "exclude_start": float(per_iteration[start:].max()) if start < result.n_iter else np.nan,
            "include_before": float(max(np.linalg.norm(mus[t] - mus[t - 1], axis=1).max()  # t = 0 wraps round
                                        for t in range(start - 1, result.n_iter + 1))),
            "all": float(per_iteration.max()),
            "mean": float(per_iteration[chosen].mean()),
            "sum_components": float(steps.sum(axis=1)[chosen].max()),
            "frobenius": float(np.sqrt((diff**2).sum(axis=(1, 2)))[chosen].max()),
            "squared": float((steps**2).max(axis=1)[chosen].max()),
            "coordinate": float(np.abs(diff).max(axis=(1, 2))[chosen].max()),
            "argmax": float(start + np.argmax(per_iteration[chosen]))}


@_checker
def check_max_mean_step(func) -> CheckResult:
    """Check func(result, start) -> max over t = start..result.n_iter of max_k |mu_k^(t) - mu_k^(t-1)|,
    the largest distance a mean moves in one iteration, with result.history[t] the parameters after
    iteration t (an EMResult of gt.fit). Three cases: start in the middle, start = 1, start = n_iter.
    """
    name = "max_mean_step"
    spec = _Spec(name, "max_mean_step(result, start)", (("result", "result"), ("start", "int")))
    cases = _max_mean_step_cases()
    got_list, variants_list = [], []
    for case in cases:
        result, start = case.args

        def on_error(exc, start=start, n_iter=result.n_iter):
            if start == n_iter and isinstance(exc, ValueError) and ("empty" in str(exc) or "zero-size" in str(exc)):
                raise _wrong(name, _t("step_empty", case=case.text), _t("hint_step_exclude_start"))

        value = _call(spec, func, case, on_error=on_error)
        if value is None:
            raise _wrong(name, _t("none", case=case.text), _t("hint_none"))
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise _wrong(name, _t("step_not_a_number", case=case.text, what=_describe_value(value)),
                         _t("hint_step_number")) from None
        if array.size != 1:
            raise _wrong(name, _t("step_not_a_number", case=case.text, what=_describe_value(array)),
                         _t("hint_step_number"))
        got_list.append(float(array.reshape(())))
        variants_list.append(_max_mean_step_variants(*case.args))
    for case, got, variants in zip(cases, got_list, variants_list):
        if _close(got, variants["correct"]):
            continue
        mistake = next((m for m in STEP_MISTAKES
                        if all(np.isnan(v[m]) or _close(g, v[m]) for g, v in zip(got_list, variants_list))), None)
        raise _wrong(name, _t("step_mismatch", case=case.text, got=_num(got), expected=_num(variants["correct"])),
                     _t("hint_step_" + mistake) if mistake else _t("hint_step"))
    return _result(name, "correct", _t("correct", name=_base._func_name(func, name), count=len(cases)))


# --- chapter 07: the lower bound ----------------------------------------------------------------

LOWER_BOUND_MISTAKES = ("no_entropy", "entropy_sign", "forgot_phi", "log_likelihood", "mean", "kl", "neg_kl")


def _lower_bound_cases():
    """Three ordinary (X, phi, mu, sigma, q) with q > 0, then one with a hard (one-hot) q."""
    rng = np.random.default_rng(1618)
    cases = []
    for number, (n, phi, d) in enumerate(((10, (0.2, 0.5, 0.3), 2), (8, (0.7, 0.3), 1),
                                          (9, (0.15, 0.35, 0.5), 3)), start=1):
        phi, mu, sigma, X = _base._mixture_case(rng, n, phi, d, spread=1.5)
        q = rng.dirichlet(np.full(len(phi), 1.2), size=n)  # (n, K), every entry > 0
        cases.append(_Case(number, f"n = {n}, K = {len(phi)}, d = {d}", (X, phi, mu, sigma, q)))
    phi, mu, sigma, X = _base._mixture_case(rng, 8, (0.3, 0.4, 0.3), 2, spread=1.5)
    labels = np.argmax(_ref_e_step(X, GMMParams(phi, mu, sigma))[0], axis=1)
    q = np.eye(3)[labels]  # (n, K) one-hot: zeros everywhere but the most responsible component
    cases.append(_Case(4, "n = 8, K = 3, d = 2, q one-hot", (X, phi, mu, sigma, q)))
    return cases


def _lower_bound_variants(X, phi, mu, sigma, q) -> dict:
    """L(q, theta), correct and with each typical mistake (numbers)."""
    a = _base._log_weighted(X, phi, mu, sigma)["correct"]  # (n, K) ln phi_k + ln N(x_n | mu_k, Sigma_k)
    log_px = _base._lse_rows(a)  # (n,) ln p(x_n)
    log_gamma = a - log_px[:, None]
    Q = float(np.sum(q * a))
    H = float(_xlogx(q).sum())  # sum q ln q
    L = Q - H
    return {"correct": L, "no_entropy": Q, "entropy_sign": Q + H,
            "forgot_phi": float(np.sum(q * (a - np.log(phi)))) - H, "log_likelihood": float(log_px.sum()),
            "mean": L / X.shape[0], "kl": float(log_px.sum()) - L, "neg_kl": float(np.sum(q * log_gamma)) - H}


@_checker
def check_lower_bound(func) -> CheckResult:
    """Check func(X, phi, mu, sigma, q) -> L(q, theta) = sum_n sum_k q_nk [ln phi_k N(x_n|mu_k,Sigma_k) - ln q_nk].

    X (n, d), phi (K,), mu (K, d), sigma (K, d, d), q (n, K) with rows summing to 1; the answer is one
    number. Three ordinary cases with q > 0, then a case with a one-hot q, where q ln q must be taken
    as 0 for q = 0 ("almost" if only that case fails).
    """
    name = "lower_bound"
    spec = _Spec(name, "lower_bound(X, phi, mu, sigma, q)",
                 (("X", "(n, d)"), ("phi", "(K,)"), ("mu", "(K, d)"), ("sigma", "(K, d, d)"), ("q", "(n, K)")))
    cases = _lower_bound_cases()
    ordinary = cases[:-1]
    got_list, variants_list = [], []
    for case in ordinary:
        got_list.append(_scalar(spec, case, _call(spec, func, case)))
        variants_list.append(_lower_bound_variants(*case.args))
    for case, got, variants in zip(ordinary, got_list, variants_list):
        expected = _ref_lower_bound(case.args[0], GMMParams(*case.args[1:4]), case.args[4])
        if not _close(got, expected):
            mistake = _first_match(got_list, variants_list, LOWER_BOUND_MISTAKES)
            raise _wrong(name, _value_mismatch(case, "q_bound", got, expected),
                         _t("hint_lb_" + mistake) if mistake else _t("hint_lb"))
    case = cases[-1]
    X, phi, mu, sigma, q = case.args
    got = _scalar(spec, case, _call(spec, func, case), finite=False)
    expected = _ref_lower_bound(X, GMMParams(phi, mu, sigma), q)
    if not _close(got, expected):
        what = _t("what_nonfinite") if not np.isfinite(got) else _t("what_values")
        return _result(name, "almost", _join(_t("almost"), _t("almost_hard_q", count=len(ordinary), what=what)),
                       _t("hint_zero_q"))
    return _result(name, "correct", _join(_t("correct", name=_base._func_name(func, name), count=len(cases)), _t("correct_hard_q")))


# --- chapter 07: where the increase of the log-likelihood comes from ------------------------------------

PARTS_MISTAKES = ("q_new", "swapped", "total", "kl_reversed", "kl_old", "gap_sign")


def _increase_parts_cases():
    """(X, old, new): two M-steps (2-D and 1-D) and one 'new' that is not an M-step (the bound falls)."""
    rng = np.random.default_rng(2718)
    X1, _ = sample(TEXTBOOK_TRUTH, 40, seed=int(rng.integers(2**31)))
    old1 = _ref_init_params(X1, 3, init="kmeans++", seed=1, reg_covar=0.0)
    new1 = _ref_m_step(X1, _ref_e_step(X1, old1)[0], reg_covar=0.0)
    truth2 = GMMParams([0.3, 0.7], [[-1.0], [2.0]], [[[0.5]], [[1.5]]])
    X2, _ = sample(truth2, 30, seed=int(rng.integers(2**31)))
    old2 = GMMParams([0.6, 0.4], [[-0.5], [1.0]], [[[1.0]], [[2.0]]])
    new2 = _ref_m_step(X2, _ref_e_step(X2, old2)[0], reg_covar=0.0)
    truth3 = from_components([0.5, 0.5], [[0.0, 0.0], [3.0, 1.0]], [[1.0, 0.8], [0.7, 1.2]], [0.3, -0.2])
    X3, _ = sample(truth3, 35, seed=int(rng.integers(2**31)))
    old3 = _ref_m_step(X3, _ref_e_step(X3, truth3)[0], reg_covar=0.0)
    new3 = GMMParams(old3.phi, old3.mu + np.array([[0.8, -0.5], [-0.6, 0.4]]), 1.4 * old3.sigma)  # not an M-step
    return [_Case(1, "n = 40, K = 3, d = 2", (X1, old1, new1)),
            _Case(2, "n = 30, K = 2, d = 1", (X2, old2, new2)),
            _Case(3, "n = 35, K = 2, d = 2, new not from an M-step", (X3, old3, new3))]


def _increase_parts_variants(X, old, new) -> dict:
    """(gain, gap) as arrays of 2, correct and with each typical mistake."""
    q = _ref_e_step(X, old)[0]
    gain = _ref_lower_bound(X, new, q) - _ref_lower_bound(X, old, q)
    gap = _ref_kl(X, new, q)
    q_new = _ref_e_step(X, new)[0]
    total = _ref_log_likelihood(X, new) - _ref_log_likelihood(X, old)
    return {"correct": np.array([gain, gap]),
            "q_new": np.array([_ref_lower_bound(X, new, q_new) - _ref_lower_bound(X, old, q_new), 0.0]),
            "swapped": np.array([gap, gain]),
            "total": np.array([total, gap]),
            "kl_reversed": np.array([gain, float(np.sum(_xlogx(q_new) - q_new * np.log(q)))]),
            "kl_old": np.array([gain, _ref_kl(X, old, q)]),
            "gap_sign": np.array([gain, -gap])}


def _pair(spec: _Spec, case: _Case, value) -> np.ndarray:
    if value is None:
        raise _wrong(spec.name, _t("none", case=case.text), _t("hint_none"))
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise _wrong(spec.name, _t("returned_pair", case=case.text, what=type(value).__name__),
                     _t("hint_pair")) from None
    if array.shape != (2,):
        raise _wrong(spec.name, _t("returned_pair", case=case.text, what=_describe_value(array)), _t("hint_pair"))
    if not np.all(np.isfinite(array)):
        raise _wrong(spec.name, _t("nonfinite", case=case.text, quantity=_t("q_gap"), count=int((~np.isfinite(array)).sum())),
                     _t("hint_nonfinite"))
    return array


@_checker
def check_increase_parts(func) -> CheckResult:
    """Check func(X, old, new) -> (gain, gap), old and new GMMParams.

    With q = e_step(X, old) (the E-step's responsibilities): gain = L(q, new) - L(q, old), the
    rise of the lower bound in the M-step, and gap = KL(q || p(Z | X, new)), the gap the M-step
    opens. Their sum is ln p(X | new) - ln p(X | old). Case 3's new is not an M-step: its gain is negative.
    """
    name = "increase_parts"
    spec = _Spec(name, "increase_parts(X, old, new)", (("X", "(n, d)"), ("old", "params"), ("new", "params")))
    cases = _increase_parts_cases()
    got_list = [_pair(spec, case, _call(spec, func, case)) for case in cases]
    variants_list = [_increase_parts_variants(*case.args) for case in cases]
    for case, got, variants in zip(cases, got_list, variants_list):
        expected = variants["correct"]
        if not _close(got, expected):
            mistake = _first_match(got_list, variants_list, PARTS_MISTAKES)
            part = 0 if not _close(got[0], expected[0]) else 1
            message = _value_mismatch(case, ("q_gain", "q_gap")[part], got[part], expected[part])
            raise _wrong(name, message, _t("hint_parts_" + mistake) if mistake else _t("hint_parts"))
    gain3 = variants_list[2]["correct"][0]
    return _result(name, "correct", _join(_t("correct", name=_base._func_name(func, name), count=len(cases)),
                                          _t("correct_parts", gain=_num(gain3))))


# --- chapter 08: multiple restarts, skipping collapsed runs ---------------------------------------------

RESTART_TRUTH = from_components([0.3, 0.4, 0.3], [[0.0, 0.0], [4.0, 0.0], [2.0, 3.0]], [[0.7, 0.7]] * 3,
                                [0.0, 0.0, 0.0])
RESTART_SETTINGS = dict(init="random", reg_covar=0.0)


def _restart_cases():
    """(X, K, seeds): two small data sets where some seeds collapse (one of them seed 0), one where none does."""
    cases = []
    for number, (data_seed, n, K) in enumerate(((0, 25, 4), (3, 25, 4), (4, 40, 3)), start=1):
        X, _ = sample(RESTART_TRUTH, n, seed=data_seed)
        cases.append(_Case(number, f"n = {n}, K = {K}, seeds 0-7", (X, K, list(range(8)))))
    return cases


def _restart_runs(X, K, seeds) -> list:
    """[(seed, final log-likelihood or None if the run collapsed)] with the exercise's settings."""
    runs = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for seed in seeds:
            try:
                result = _ref_fit(X, K, seed=seed, **RESTART_SETTINGS)
            except ComponentCollapseError:
                runs.append((seed, None))
                continue
            runs.append((seed, float(result.log_likelihoods[-1])))
    return runs


RESTART_MISTAKES = ("min", "first", "last")


def _restart_variants(runs) -> dict:
    """The final log-likelihood the right answer returns, and those of the typical mistakes."""
    ok = [(s, ll) for s, ll in runs if ll is not None]
    best = max(ll for _, ll in ok)
    best_seed = next(s for s, ll in ok if _close(ll, best))  # the first of the seeds that tie for the best
    return {"correct": best, "best_seed": best_seed, "min": min(ll for _, ll in ok), "first": ok[0][1],
            "last": ok[-1][1]}


@functools.lru_cache(maxsize=None)
def _restart_reference(number: int) -> tuple:
    """_restart_runs for case `number` (1-based), computed once per session: the checker may run many times."""
    X, K, seeds = _restart_cases()[number - 1].args
    return tuple(_restart_runs(X, K, seeds))


def _final_log_likelihood(spec: _Spec, case: _Case, value, X) -> float:
    if value is None:
        raise _wrong(spec.name, _t("none", case=case.text), _t("hint_none"))
    if isinstance(value, EMResult):
        return float(value.log_likelihoods[-1])
    if isinstance(value, GMMParams):
        return float(_ref_log_likelihood(X, value))
    raise _wrong(spec.name, _t("returned_result", case=case.text, what=_describe_value(value)),
                 _t("hint_return_result"))


@_checker
def check_best_of_restarts(func) -> CheckResult:
    """Check func(X, K, seeds) -> the EMResult with the largest final log-likelihood among
    gt.fit(X, K, init="random", seed=s, reg_covar=0.0) for s in seeds, skipping every seed whose
    run raises gt.ComponentCollapseError. A GMMParams of the best run is accepted too.
    """
    name = "best_of_restarts"
    spec = _Spec(name, "best_of_restarts(X, K, seeds)", (("X", "(n, d)"), ("K", "int"), ("seeds", "seeds")))
    cases = _restart_cases()
    got_list = []
    for case in cases:

        def on_error(exc, case=case):
            if isinstance(exc, ComponentCollapseError):
                seed = next((s for s, ll in _restart_reference(case.number) if ll is None), "?")
                raise _wrong(name, _t("restarts_collapse", case=case.text, seed=seed), _t("hint_restarts_catch"))

        got_list.append(_final_log_likelihood(spec, case, _call(spec, func, case, on_error=on_error), case.args[0]))
    variants_list = [_restart_variants(_restart_reference(case.number)) for case in cases]
    for case, got, variants in zip(cases, got_list, variants_list):
        if _close(got, variants["correct"]):
            continue
        mistake = _first_match(got_list, variants_list, RESTART_MISTAKES)
        if mistake is None:
            mistake = "higher" if got > variants["correct"] else "settings"
        raise _wrong(name, _t("restarts_mismatch", case=case.text, got=_num(got), best=_num(variants["correct"]),
                              seed=variants["best_seed"]), _t("hint_restarts_" + mistake))
    collapsed_in_first = [s for s, ll in _restart_reference(1) if ll is None]
    seeds_text = ", ".join(str(s) for s in collapsed_in_first)
    return _result(name, "correct", _join(_t("correct", name=_base._func_name(func, name), count=len(cases)),
                                          _t("correct_restarts", seeds=seeds_text)))


# --- chapter 08: soft assignments with a shared variance -----------------------------------------------

SOFT_MISTAKES = ("no_half", "sigma_not_squared", "distance_not_squared", "hard", "sign")
SMALL_SIGMA = 0.01


def _soft_assign_cases():
    """(X, mu, sigma): three ordinary cases (d = 2, 1, 3), then sigma = 0.01 with every point >= 0.5 from every mean."""
    rng = np.random.default_rng(4242)
    cases = []
    for number, (n, K, d, s) in enumerate(((10, 3, 2, 1.5), (8, 2, 1, 0.8), (9, 4, 3, 2.0)), start=1):
        mu = rng.normal(scale=2.0, size=(K, d))
        X = rng.normal(scale=2.0, size=(n, d))
        cases.append(_Case(number, f"n = {n}, K = {K}, d = {d}, sigma = {s:g}", (X, mu, s)))
    mu = np.array([[-2.0, 0.0], [2.0, 0.5], [0.0, 3.0]])
    X = rng.normal(scale=2.0, size=(40, 2))
    far = (((X[:, None, :] - mu[None]) ** 2).sum(axis=2) > 0.25).all(axis=1)
    X = X[far][:8]  # every exp(-d^2 / (2 sigma^2)) < exp(-1250): all underflow to 0
    cases.append(_Case(4, f"n = 8, K = 3, d = 2, sigma = {SMALL_SIGMA:g}", (X, mu, SMALL_SIGMA)))
    return cases


def _soft_reference(X, mu, sigma) -> np.ndarray:
    K, d = mu.shape
    params = GMMParams(np.full(K, 1.0 / K), mu, np.repeat((sigma**2 * np.eye(d))[None], K, axis=0))
    return _ref_e_step(X, params)[0]


def _soft_variants(X, mu, sigma) -> dict:
    d2 = ((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2)  # (n, K)
    norm = _base._normalise_rows
    return {"no_half": norm(-d2 / sigma**2), "sigma_not_squared": norm(-d2 / (2 * sigma)),
            "distance_not_squared": norm(-np.sqrt(d2) / (2 * sigma**2)),
            "hard": np.eye(mu.shape[0])[np.argmin(d2, axis=1)], "sign": norm(d2 / (2 * sigma**2))}


def _soft_hint(got_list, variants_list, expected_list, i: int) -> str:
    got, expected = got_list[i], expected_list[i]
    if _close(np.exp(got), expected):
        return _t("hint_soft_log")
    rows = got.sum(axis=1)
    if not np.allclose(rows, 1.0, rtol=_base.RTOL, atol=1e-6):
        if np.allclose(got.sum(axis=0), 1.0, rtol=_base.RTOL, atol=1e-6):
            return _t("hint_soft_columns")
        row = int(np.argmax(np.abs(rows - 1.0)))
        return _t("hint_soft_rows", row=row, total=_num(float(rows[row])))
    mistake = _first_match(got_list, variants_list, SOFT_MISTAKES)
    return _t("hint_soft_" + mistake) if mistake else _t("hint_soft")


@_checker
def check_soft_assign(func) -> CheckResult:
    """Check func(X, mu, sigma) -> responsibilities (n, K) of a mixture with equal weights 1/K and
    Sigma_k = sigma^2 I: gamma_nk = exp(-|x_n - mu_k|^2 / (2 sigma^2)) / sum_j exp(-|x_n - mu_j|^2 / (2 sigma^2)).

    X (n, d), mu (K, d), sigma a positive number. Three ordinary cases, then sigma = 0.01, where
    every exp underflows unless the row maximum is subtracted first ("almost" if only that case fails).
    """
    name = "soft_assign"
    spec = _Spec(name, "soft_assign(X, mu, sigma)", (("X", "(n, d)"), ("mu", "(K, d)"), ("sigma", "float")))
    cases = _soft_assign_cases()
    ordinary = cases[:-1]
    got_list, variants_list, expected_list = [], [], []
    for case in ordinary:
        X, mu, sigma = case.args
        got_list.append(_base._as_array(spec, case, _base._first_if_tuple(_call(spec, func, case)),
                                        (X.shape[0], mu.shape[0]), "(n, K)", "q_resp"))
        variants_list.append(_soft_variants(X, mu, sigma))
        expected_list.append(_soft_reference(X, mu, sigma))
    for i, (case, got, expected) in enumerate(zip(ordinary, got_list, expected_list)):
        if not _close(got, expected):
            raise _wrong(name, _base._mismatch_text(case, "q_resp", got, expected),
                         _soft_hint(got_list, variants_list, expected_list, i))
    case = cases[-1]
    X, mu, sigma = case.args
    got = _base._as_array(spec, case, _base._first_if_tuple(_call(spec, func, case)), (X.shape[0], mu.shape[0]),
                          "(n, K)", "q_resp", finite=False)
    if not _close(got, _soft_reference(X, mu, sigma)):
        what = _t("what_nonfinite") if not np.all(np.isfinite(got)) else _t("what_values")
        return _result(name, "almost", _join(_t("almost"), _t("almost_small_sigma", count=len(ordinary),
                                                                 sigma=f"{sigma:g}", what=what)),
                       _t("hint_small_sigma"))
    return _result(name, "correct", _join(_t("correct", name=_base._func_name(func, name), count=len(cases)),
                                          _t("correct_small_sigma", sigma=f"{sigma:g}")))


__all__ = ["CheckResult", "MESSAGES", "check_update_bars", "check_max_mean_step", "check_lower_bound",
           "check_increase_parts", "check_best_of_restarts", "check_soft_assign"]
