"""Exercise checkers: run a learner's function on small cases and say whether it is right.

    from gmm_teach import checks
    def my_log_pdf(X, mu, sigma): ...
    checks.check_log_pdf(my_log_pdf)

Each checker calls the learner's function on a few fixed random cases (np.random.default_rng
with a fixed seed, small n) and compares the answer with gmm_teach's own implementation. When
they differ, it compares the answer with the answers of the typical mistakes (Σ where Σ⁻¹
belongs, a forgotten φ, N_k − 1 instead of N_k, ...) to name the mistake. The verdict and the
hint are in the current language (``gmm_teach.set_language``).

Every checker returns a CheckResult: ``.passed`` (bool), ``.status`` ("correct", "almost" or
"wrong"), ``.message`` and ``.hint``. Jupyter shows it as a coloured box; its text form is
deterministic (no addresses, numbers rounded), so notebooks that show it can be tested by nbval.

The learner's function always receives fresh copies of plain numpy arrays, may return lists
instead of arrays, and never sees a traceback: an exception is reported in one line.
"""
from __future__ import annotations

import functools
import html
import warnings
from dataclasses import dataclass

import numpy as np

from .data import TEXTBOOK_TRUTH, sample
from .em import ConvergenceWarning, e_step as _ref_e_step, fit as _ref_fit, m_step as _ref_m_step
from .gaussian import log_pdf as _ref_log_pdf
from .i18n import get_language, say
from .params import GMMParams

RTOL = 1e-5  # relative tolerance: loose enough for inv/det vs Cholesky, tight enough for every mistake
ATOL = 1e-9  # absolute tolerance (densities, responsibilities and log values are all O(1e-4) or more)
LOG_2PI = np.log(2 * np.pi)
FAR = 1000.0  # the far-away point is (1000, ..., 1000): every density underflows to 0 there

# --- what the learner sees -----------------------------------------------------------------

MESSAGES = {
    "ja": {
        # verdicts
        "correct": "正解である。{name} は {count} 個のケースすべてで参照実装と一致した。",
        "correct_far_e": "すべての成分から遠く離れた点 {point} を含むケースでも正しい負担率が得られている。",
        "correct_far_log": "平均から遠く離れた点 {point} でも有限の正しい値が得られている。",
        "correct_large": "±1000 のような大きな値でもオーバーフローしない。",
        "wrong": "不正解である。",
        "almost": "ほぼ正解である。",
        "hint_label": "ヒント: ",
        "case": "ケース {i} ({desc})",
        # what went wrong
        "not_callable": "関数ではなく {type} が渡された。",
        "hint_not_callable": "関数そのものを、括弧をつけずに渡すこと: checks.check_{name}(my_{name})。my_{name}(...) と書くと、関数を呼んだ結果が渡されてしまう。",
        "raised": "{case} で関数の実行中にエラーが起きた: {error}",
        "none": "{case} で関数が None を返した。",
        "not_numeric": "{case} の返り値 ({type}) を数値の配列に変換できない。",
        "shape": "形が違う: {case} で {name} = {expected} を期待したが {got} が返った。",
        "nonfinite": "{case} の{quantity}に NaN または inf が {count} 個含まれる。",
        "mismatch": "{case} で{quantity}が参照実装と一致しない: 要素 {index} は {expected} であるべきところ {got} になっている。",
        "returned_count": "{case} で {count} 個の値の組が返った。",
        "returned_type": "{case} で {type} が返った。",
        "ll_length": "{case} で対数尤度が {got} 個返った（反復回数は n_iter = {n_iter}）。",
        "almost_far_e": "通常の {count} 個のケースは正しいが、すべての成分から遠く離れた点 {point} を含むケースで{what}。",
        "almost_far_log": "通常の {count} 個のケースは正しいが、平均から遠く離れた点 {point} で{what}。",
        "almost_large": "通常の {count} 個のケースは正しいが、±1000 程度の大きな値を含むケースで{what}。",
        "what_nonfinite": "値が NaN または inf になった",
        "what_values": "値が参照実装と一致しない",
        # quantities
        "q_density": "密度",
        "q_log_density": "対数密度",
        "q_maha": "二乗マハラノビス距離",
        "q_lse": "値",
        "q_resp": "負担率",
        "q_phi": "混合係数 φ",
        "q_mu": "平均 μ",
        "q_sigma": "共分散 Σ",
        "q_ll": "対数尤度",
        # hints: calling and shapes
        "hint_raised": "関数は {call} の形で呼ばれる（{shapes}）。エラーが出た行の直前で各配列の形 (.shape) を print して確かめるとよい。",
        "hint_signature": "引数の数が合っていないようである。関数は {call} の形で呼ばれる（{shapes}）。",
        "hint_broadcast": "形の合わない配列どうしを演算している。関数は {call} の形で呼ばれる（{shapes}）。和をとった配列で割るときは keepdims=True をつけるか [:, None] で軸を補うこと。",
        "hint_none": "関数の本体がまだ書かれていないか、return 文が抜けている。計算した値を return で返すこと。",
        "hint_not_numeric": "{name} の形の NumPy 配列を返すこと。",
        "hint_scalar": "スカラーが返った。全要素の和や平均をとっていないか、axis の指定を確かめよ。",
        "hint_transposed": "転置になっているようである。{name} の順に並べること（.T で転置できる）。",
        "hint_axes": "軸の順番が違うようである。{name} の順に並べること（d × d 行列 K 個のリストなら np.array(list) でこの順になる）。",
        "hint_keepdims": "2 次元配列が返った。{name} の 1 次元配列にすること（keepdims=True を外すか .ravel() を使う）。",
        "hint_nn": "(n, n) の行列が返った。diff @ inv @ diff.T はすべての点の組について積を計算してしまう。各点自身の二次形式だけが要るので np.sum(diff @ inv * diff, axis=1) とすること。",
        "hint_lse_axis": "各行について（axis=1 で）和をとること。a の形は (n, K) で、答えは行ごとの log Σ_k exp(a_nk)、形は (n,) である。",
        "hint_shape": "途中の配列の形を print して、どこで形が崩れるか確かめよ。",
        "hint_nonfinite": "NaN は 0/0 や負の数の平方根・対数から、inf は 0 での割り算や exp のオーバーフローから生じる。途中の配列を print して最初に現れる所を探すこと。",
        # chapter 01: a mixture sampler and the empirical covariance
        "correct_sampler": "点数のばらつきは二項分布の標準偏差と合い（成分ごとの比 {ratios}）、成分ごとの点の平均と共分散も真の値に近い。",
        "q_cov": "共分散行列",
        "q_sample_X": "点 X",
        "q_sample_z": "成分番号 z",
        "sampler_total": "{case} で点の総数が n = {n} にならない（シード {seed} で {got} 点）。",
        "sampler_labels": "{case} で z に 0〜{last} の整数以外の値が含まれる（例: {value}）。",
        "sampler_seed": "{case} で同じシード {seed} を与えて 2 回呼ぶと、違う標本が返った。",
        "sampler_fixed": "{case} で成分ごとの点数が {seeds} 個のシードすべてで同じ {counts} である。",
        "sampler_count_mean": "{case} で成分 {k} の点数の平均が {got} 点であり、期待値 n φ = {expected} 点から離れている。",
        "sampler_count_sd": "{case} で成分 {k} の点数の標準偏差が {got} 点であり、二項分布の標準偏差 {expected} 点と合わない。",
        "sampler_mean": "{case} で z = {k} の点の平均が {got} であり、mu[{k}] = {expected} と合わない。",
        "sampler_cov": "{case} で z = {k} の点の共分散行列の要素 {index} が {got} であり、sigma[{k}] の {expected} と合わない。",
        "hint_sampler_return": "関数は (X, z) の組を返すこと。X は (n, d) の点、z は各点の成分番号（0〜K−1 の整数）の (n,) 配列である。",
        "hint_sampler_total": "点の総数はいつも n である。int(w * n) のような切り捨てでは総数が n に届かないことがある。点数は rng.multinomial(n, phi) で引くこと（和はちょうど n になる）。",
        "hint_sampler_labels": "z は成分の番号 0, 1, …, K − 1 である。成分 k の点の数だけ k を並べること: np.repeat(np.arange(K), counts)。",
        "hint_sampler_seed": "乱数はすべて関数の中の rng = np.random.default_rng(seed) から引くこと。np.random.multinomial などのモジュールの関数や、seed を渡さない default_rng() を使うと、シードで標本が決まらない。",
        "hint_sampler_fixed": "点数が乱数によらず決まっている（教科書の int(w * n) と同じ）。点数そのものを多項分布から引くこと: rng.multinomial(n, phi)。",
        "hint_sampler_phi": "成分 k の点数の期待値は n φ_k である。rng.multinomial に混合係数 phi をそのまま渡しているか、点数と z の番号の対応がずれていないかを確かめよ。",
        "hint_sampler_sd": "点数は多項分布 Mult(n, φ) から 1 回だけ引く。そうすれば各成分の点数は二項分布 Bin(n, φ_k) に従い、標準偏差は sqrt(n φ_k (1 − φ_k)) になる。",
        "hint_sampler_pairing": "X の各行と z の各要素が対応していないようである（点全体の平均は正しい）。X に成分 k の点を並べたのと同じ順に、z にも k を並べること。",
        "hint_sampler_cholesky": "コレスキー因子 L（sigma = L Lᵀ）を右から掛けるときは eps @ L.T である。.T を忘れると共分散が Lᵀ L になる。",
        "hint_sampler_gauss": "成分 k の点は平均 mu[k]、共分散行列 sigma[k] のガウス分布から引くこと: rng.multivariate_normal(mu[k], sigma[k], size)。",
        "hint_cov_unbiased": "N_k − 1 で割っているようである（np.cov の既定の不偏推定）。ここで求めるのは最尤推定であり、N_k で割る。",
        "hint_cov_not_centred": "平均を引かずに外積をとっているようである。まず成分 k の点の平均を引くこと: diff = X_k − X_k.mean(axis=0)。",
        "hint_cov_global_mean": "全データの平均を引いているようである。引くのは成分 k の点だけの平均 x̄_k である。",
        "hint_cov_over_n": "全データの点数 n で割っているようである。割るのは成分 k の点の数 N_k である。",
        "hint_cov_not_divided": "外積の和を N_k で割っていないようである。",
        "hint_cov_all_points": "全データの共分散行列になっているようである。z == k の点だけを選ぶこと: X_k = X[z == k]。",
        "hint_cov_diagonal": "対角成分（各座標の分散）だけが正しく、非対角成分が違うようである。外積の和 diff.T @ diff で座標どうしの共分散も計算すること。",
        "hint_cov": "S_k = (1/N_k) Σ_(z_n = k) (x_n − x̄_k)(x_n − x̄_k)ᵀ の各部分（点の選び方、引く平均、割る数）を確かめよ。",
        # hints: the Gaussian density
        "hint_sigma_for_inv": "Σ⁻¹ を使うべきところに Σ を使っているようである。指数部は −(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ) であり、np.linalg.inv(sigma) が要る。",
        "hint_inv_everywhere": "Σ の代わりに Σ⁻¹ を（行列式も含めて）使っているようである。渡される sigma は共分散行列 Σ そのものである: 指数部には Σ⁻¹ = np.linalg.inv(sigma)、正規化定数には |Σ| = np.linalg.det(sigma) を使うこと。",
        "hint_det_no_sqrt": "正規化定数で |Σ| の平方根をとっていないようである。正規化定数は 1 / sqrt((2π)^d |Σ|) であり、|Σ| も平方根の中に入る。",
        "hint_no_sqrt_at_all": "正規化定数全体の平方根をとり忘れているようである。1 / ((2π)^d |Σ|) ではなく 1 / sqrt((2π)^d |Σ|) である。",
        "hint_no_2pi": "正規化定数の (2π)^(d/2) が抜けているようである。正規化定数は 1 / sqrt((2π)^d |Σ|) = (2π)^(−d/2) |Σ|^(−1/2) である。",
        "hint_2pi_no_power": "2π を d/2 乗していないようである。d 次元の正規化定数は 1 / sqrt((2π)^d |Σ|) であり、d = 1 のときだけ 1 / sqrt(2π |Σ|) になる。",
        "hint_no_det": "正規化定数の |Σ|^(1/2) が抜けているようである。正規化定数は 1 / sqrt((2π)^d |Σ|) である（|Σ| = np.linalg.det(sigma)）。",
        "hint_no_normaliser": "正規化定数 1 / sqrt((2π)^d |Σ|) が丸ごと抜けているようである。",
        "hint_no_half": "指数部の 1/2 が抜けているようである。指数部は −(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ) である。",
        "hint_sign": "指数部の符号が逆のようである。密度は平均から離れるほど小さくなる: exp(−(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ))。",
        "hint_returned_log": "対数密度を返しているようである。密度は np.exp(対数密度) である。",
        "hint_returned_pdf": "密度そのものを返しているようである。log_pdf は密度の対数を返す。",
        "hint_log_of_pdf": "np.log(pdf(...)) は、密度が 0 にアンダーフローすると log 0 = −inf になる。対数密度は −(d/2) log 2π − (1/2) log|Σ| − (1/2)(x − μ)ᵀ Σ⁻¹ (x − μ) を直接計算すること（log|Σ| には np.linalg.slogdet が使える）。",
        "hint_density": "N(x | μ, Σ) = exp(−(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ)) / sqrt((2π)^d |Σ|) の各部分を 1 つずつ確かめよ。",
        # hints: Mahalanobis distance and log-sum-exp
        "hint_maha_sigma": "Σ⁻¹ を使うべきところに Σ を使っているようである。二乗マハラノビス距離は (x − μ)ᵀ Σ⁻¹ (x − μ) であり、np.linalg.inv(sigma) が要る。",
        "hint_maha_sqrt": "平方根をとっているようである。ここで求めるのは二乗距離 (x − μ)ᵀ Σ⁻¹ (x − μ) であり、平方根はとらない。",
        "hint_maha": "二乗マハラノビス距離は (x_n − μ)ᵀ Σ⁻¹ (x_n − μ) である。diff = X − mu、np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1) の各部分を確かめよ。",
        "hint_lse_no_add_back": "最大値を引いたあと、最後に足し戻していないようである: log Σ_k exp(a_k) = m + log Σ_k exp(a_k − m)。",
        "hint_lse_global_max": "配列全体の最大値を引いているようである。行ごとの最大値 m = a.max(axis=1, keepdims=True) を引くこと。行によって値の大きさがまったく違うと、全体の最大値では exp が 0 にアンダーフローする。",
        "hint_lse_overflow": "exp(1000) は inf にオーバーフローし、exp(−1000) は 0 にアンダーフローする。各行の最大値 m を引いてから exp をとり、最後に m を足し戻すこと: log Σ_k exp(a_k) = m + log Σ_k exp(a_k − m)。",
        "hint_lse": "log-sum-exp は各行 n について log Σ_k exp(a_nk) である。最大値 m を引く形 m + log Σ_k exp(a_nk − m) で計算すること。",
        # hints: E-step
        "hint_forgot_phi": "混合係数 φ が掛けられていないようである。負担率は φ_k N(x_n | μ_k, Σ_k) を k について正規化したものである。",
        "hint_rows": "負担率の各行の和が 1 になっていない（例えば行 {row} の和は {total}）。各行をその行の和で割ること: responsibilities / responsibilities.sum(axis=1, keepdims=True)。",
        "hint_rows_plain": "負担率が正規化されていないようである。各行をその行の和で割り、行の和を 1 にすること。",
        "hint_columns": "各列の和が 1 になっている: データ点ごとではなく成分ごとに正規化しているようである。負担率は各データ点 x_n（各行）について k で和をとると 1 になる: sum(axis=1, keepdims=True) で割ること。",
        "hint_total": "全要素の和で割っているようである。各データ点 x_n（各行）ごとに、その行の和で割ること: sum(axis=1, keepdims=True)。",
        "hint_returned_log_resp": "負担率の対数を返しているようである。最後に np.exp をとること。",
        "hint_underflow": "遠い点では φ_k N(x | μ_k, Σ_k) がすべて 0 にアンダーフローし、正規化で 0/0 = NaN になる。対数のまま a_k = log φ_k + log N(x | μ_k, Σ_k) を計算し、各行の最大値 m を引いてから exp をとって正規化すること（log-sum-exp）。",
        "hint_e_step": "負担率 γ_nk = φ_k N(x_n | μ_k, Σ_k) / Σ_j φ_j N(x_n | μ_j, Σ_j) の各部分を確かめよ。密度の部分は check_log_pdf / check_pdf で別に確かめられる。",
        # hints: M-step
        "hint_m_return": "M ステップは (phi, mu, sigma) の 3 つを返す: return phi, mu, sigma。",
        "hint_phi_over_K": "φ を K で割っているようである。φ_k = N_k / n であり、n はデータ点の数である。",
        "hint_phi_not_divided": "φ が N_k のままで、n で割られていない。φ_k = N_k / n である。",
        "hint_phi": "混合係数は φ_k = N_k / n、N_k = Σ_n γ_nk（responsibilities.sum(axis=0)）である。",
        "hint_mu_not_divided": "平均 μ_k が N_k で割られていない。μ_k = Σ_n γ_nk x_n / N_k である。",
        "hint_mu_over_n": "平均 μ_k を n で割っているようである。割るのは N_k = Σ_n γ_nk である: μ_k = Σ_n γ_nk x_n / N_k。",
        "hint_mu": "平均は μ_k = Σ_n γ_nk x_n / N_k（responsibilities.T @ X / N_k[:, None]）である。",
        "hint_sigma_unbiased": "共分散を N_k − 1 で割っている（不偏推定）ようである。M ステップは最尤推定なので N_k で割る: Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k。",
        "hint_sigma_np_cov": "np.cov は、aweights で重みを与えても既定では重みの和 N_k で割らず、不偏推定のように少し小さい数で割る（0/1 の重みなら N_k − 1）。M ステップは最尤推定なので N_k で割る。np.cov のドキュメントで割る数を決める引数を調べるか、Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k を直接計算すること。",
        "hint_sigma_unweighted": "共分散に負担率の重みがかかっていない（全データの共分散になっている）ようである。Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k である。",
        "hint_sigma_over_n": "共分散を n で割っているようである。割るのは N_k である: Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k。",
        "hint_sigma_not_divided": "共分散が N_k で割られていない。Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k である。",
        "hint_sigma_no_mean": "x_n − μ_k ではなく x_n のまま外積をとっているようである。Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k である。",
        "hint_sigma_gamma_twice": "γ_nk を 2 回掛けているようである（diff の両側に重みを掛けた）。重みは片側だけに掛ける: (gamma[:, k, None] * diff).T @ diff / N_k[k]。",
        "hint_sigma": "共分散は Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k である。新しい μ_k を使うこと。",
        "hint_sigma_after_mu": "Σ は μ を使って計算するので、まず μ を直すこと。",
        # hints: the whole EM loop
        "hint_em_return": "関数は (phi, mu, sigma, log_likelihoods) を返すこと（章の EM_GMM と同じ順の (phi, mu, sigma, responsibilities, log_likelihoods) でもよい）。",
        "hint_ll_length": "ちょうど n_iter 回反復し、各反復の M ステップの後に対数尤度を 1 つずつ記録すること: for _ in range(n_iter): ...",
        "hint_em_stage_e": "E ステップを見直すこと。{inner}",
        "hint_em_stage_m": "M ステップを見直すこと。{inner}",
        "hint_em_loop": "1 回の反復は正しいが、反復を重ねると参照実装とずれる。各反復で、直前の M ステップで更新したパラメータを E ステップに渡しているか確かめよ。",
        "hint_em": "E ステップと M ステップを check_e_step と check_m_step で 1 つずつ確かめるとよい。",
        "hint_ll_decreases": "EM では対数尤度は反復ごとに減らないはずだが、反復 {t} で減っている。",
        "hint_ll_before": "対数尤度を M ステップの前のパラメータ（E ステップで使ったもの）で計算しているようである。章のコードと同じく、M ステップで更新した新しいパラメータで計算すること。",
        "hint_ll_mean": "対数尤度をデータ点について平均しているようである。全データ点についての和 Σ_n log Σ_k φ_k N(x_n | μ_k, Σ_k) をとること。",
        "hint_ll_variant": "対数尤度の計算を見直すこと。{inner}",
        "hint_ll": "パラメータは正しいが対数尤度が違う。対数尤度は全データ点についての和 Σ_n log Σ_k φ_k N(x_n | μ_k, Σ_k) であり、M ステップで更新した後のパラメータで計算する。",
    },
    "en": {
        "correct": "Correct. {name} agrees with the reference on all {count} cases.",
        "correct_far_e": "It also gives the right responsibilities for a point far from every component, {point}.",
        "correct_far_log": "It also gives the right finite value at a point far from the mean, {point}.",
        "correct_large": "It does not overflow on large values such as ±1000.",
        "wrong": "Not correct.",
        "almost": "Almost.",
        "hint_label": "Hint: ",
        "case": "case {i} ({desc})",
        "not_callable": "A {type} was passed instead of a function.",
        "hint_not_callable": "Pass the function itself, without parentheses: checks.check_{name}(my_{name}). Writing my_{name}(...) passes the result of calling it.",
        "raised": "In {case}, the function raised {error}",
        "none": "In {case}, the function returned None.",
        "not_numeric": "In {case}, the returned value ({type}) cannot be converted to an array of numbers.",
        "shape": "Wrong shape: in {case}, expected {name} = {expected} but received {got}.",
        "nonfinite": "In {case}, the {quantity} contain {count} NaN or inf value(s).",
        "mismatch": "In {case}, the {quantity} differ from the reference: element {index} should be {expected} but is {got}.",
        "returned_count": "In {case}, the function returned {count} values.",
        "returned_type": "In {case}, the function returned {type}.",
        "ll_length": "In {case}, the function returned {got} log-likelihood value(s) (the number of iterations is n_iter = {n_iter}).",
        "almost_far_e": "The {count} ordinary cases are right, but in the case with a point far from every component, {point}, {what}.",
        "almost_far_log": "The {count} ordinary cases are right, but at a point far from the mean, {point}, {what}.",
        "almost_large": "The {count} ordinary cases are right, but in the case with large values (around ±1000), {what}.",
        "what_nonfinite": "the result is NaN or inf",
        "what_values": "the values differ from the reference",
        "q_density": "densities",
        "q_log_density": "log densities",
        "q_maha": "squared Mahalanobis distances",
        "q_lse": "values",
        "q_resp": "responsibilities",
        "q_phi": "mixing weights φ",
        "q_mu": "means μ",
        "q_sigma": "covariances Σ",
        "q_ll": "log-likelihoods",
        "hint_raised": "The function is called as {call} with {shapes}. Print the shapes (.shape) of the arrays just before the failing line.",
        "hint_signature": "The number of arguments does not match. The function is called as {call} with {shapes}.",
        "hint_broadcast": "Two arrays of incompatible shapes meet in one operation. The function is called as {call} with {shapes}. To divide by a sum, keep its axis: sum(axis=1, keepdims=True), or add one with [:, None].",
        "hint_none": "The body of the function is not written yet, or its return statement is missing. Return the computed value.",
        "hint_not_numeric": "Return a NumPy array of shape {name}.",
        "hint_scalar": "A single number came back. Check for a sum or mean over all elements, and the axis you reduce over.",
        "hint_transposed": "It looks transposed. Arrange it as {name} (.T transposes).",
        "hint_axes": "The axes seem to be in the wrong order. Arrange them as {name} (np.array of a list of K d × d matrices gives this order).",
        "hint_keepdims": "A 2-D array came back. Return a 1-D array of shape {name} (drop keepdims=True, or use .ravel()).",
        "hint_nn": "An (n, n) matrix came back: diff @ inv @ diff.T computes the product for every pair of points. Only each point with itself is needed: np.sum(diff @ inv * diff, axis=1).",
        "hint_lse_axis": "Sum over each row (axis=1). a has shape (n, K); the answer is log Σ_k exp(a_nk) for each row, of shape (n,).",
        "hint_shape": "Print the shapes of the intermediate arrays to see where the shape goes wrong.",
        "hint_nonfinite": "NaN comes from 0/0 or the square root or log of a negative number; inf from a division by 0 or an overflowing exp. Print the intermediate arrays to find where they first appear.",
        "correct_sampler": "The counts vary like the binomial standard deviation (ratios {ratios} per component), and each component's mean and covariance are close to the true values.",
        "q_cov": "covariances",
        "q_sample_X": "points X",
        "q_sample_z": "component numbers z",
        "sampler_total": "In {case}, the total number of points is not n = {n} ({got} points with seed {seed}).",
        "sampler_labels": "In {case}, z contains a value that is not an integer from 0 to {last} ({value}, for example).",
        "sampler_seed": "In {case}, two calls with the same seed {seed} returned different samples.",
        "sampler_fixed": "In {case}, the counts per component are the same, {counts}, for all {seeds} seeds.",
        "sampler_count_mean": "In {case}, component {k} gets {got} points on average, far from its expected count n φ = {expected}.",
        "sampler_count_sd": "In {case}, the count of component {k} varies with standard deviation {got}, which does not match the binomial standard deviation {expected}.",
        "sampler_mean": "In {case}, the mean of the points with z = {k} is {got}, which does not match mu[{k}] = {expected}.",
        "sampler_cov": "In {case}, entry {index} of the covariance matrix of the points with z = {k} is {got}, which does not match sigma[{k}]'s {expected}.",
        "hint_sampler_return": "Return the pair (X, z): X the (n, d) points, z an (n,) array of each point's component number (an integer from 0 to K − 1).",
        "hint_sampler_total": "There are always n points in total. Rounding down, as int(w * n) does, can fall short of n. Draw the counts with rng.multinomial(n, phi): they add up to exactly n.",
        "hint_sampler_labels": "z holds the component numbers 0, 1, ..., K − 1. Repeat k as many times as component k has points: np.repeat(np.arange(K), counts).",
        "hint_sampler_seed": "Draw every random number from rng = np.random.default_rng(seed) inside the function. The module's functions such as np.random.multinomial, or default_rng() without the seed, make the sample independent of the seed.",
        "hint_sampler_fixed": "The counts do not depend on the random numbers (like the textbook's int(w * n)). Draw the counts themselves from the multinomial distribution: rng.multinomial(n, phi).",
        "hint_sampler_phi": "The expected count of component k is n φ_k. Check that rng.multinomial receives the mixing coefficients phi as they are, and that the counts and the numbers in z line up.",
        "hint_sampler_sd": "Draw the counts once from the multinomial distribution Mult(n, φ). Then each component's count follows the binomial distribution Bin(n, φ_k), with standard deviation sqrt(n φ_k (1 − φ_k)).",
        "hint_sampler_pairing": "The rows of X and the entries of z do not seem to belong together (the mean of all the points is right). Put the k's into z in the same order as component k's points go into X.",
        "hint_sampler_cholesky": "To apply the Cholesky factor L (sigma = L Lᵀ) from the right, write eps @ L.T. Without .T the covariance becomes Lᵀ L.",
        "hint_sampler_gauss": "Draw component k's points from the Gaussian with mean mu[k] and covariance matrix sigma[k]: rng.multivariate_normal(mu[k], sigma[k], size).",
        "hint_cov_unbiased": "It looks like the sum is divided by N_k − 1 (np.cov's default, the unbiased estimate). The maximum likelihood estimate asked for here divides by N_k.",
        "hint_cov_not_centred": "The outer products seem to be taken without subtracting the mean. First subtract the mean of component k's points: diff = X_k − X_k.mean(axis=0).",
        "hint_cov_global_mean": "It looks like the mean of all the data is subtracted. Subtract the mean x̄_k of component k's points only.",
        "hint_cov_over_n": "It looks like the sum is divided by n, the number of all the points. Divide by N_k, the number of component k's points.",
        "hint_cov_not_divided": "The sum of the outer products does not seem to be divided by N_k.",
        "hint_cov_all_points": "This looks like the covariance matrix of all the data. Select the points with z == k: X_k = X[z == k].",
        "hint_cov_diagonal": "Only the diagonal (the variance of each coordinate) is right; the off-diagonal entries differ. Compute the sum of outer products diff.T @ diff to get the covariances between the coordinates too.",
        "hint_cov": "Check each part of S_k = (1/N_k) Σ_(z_n = k) (x_n − x̄_k)(x_n − x̄_k)ᵀ: which points, which mean, which divisor.",
        "hint_sigma_for_inv": "It looks like Σ is used where Σ⁻¹ belongs. The exponent is −(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ), which needs np.linalg.inv(sigma).",
        "hint_inv_everywhere": "It looks like Σ⁻¹ is used in place of Σ throughout, determinant included. The sigma passed in is the covariance matrix Σ itself: use Σ⁻¹ = np.linalg.inv(sigma) in the exponent and |Σ| = np.linalg.det(sigma) in the normalising constant.",
        "hint_det_no_sqrt": "The normalising constant seems to use |Σ| without its square root. It is 1 / sqrt((2π)^d |Σ|): |Σ| sits under the square root too.",
        "hint_no_sqrt_at_all": "The square root of the whole normalising constant seems to be missing. It is 1 / sqrt((2π)^d |Σ|), not 1 / ((2π)^d |Σ|).",
        "hint_no_2pi": "The factor (2π)^(d/2) of the normalising constant seems to be missing. The constant is 1 / sqrt((2π)^d |Σ|) = (2π)^(−d/2) |Σ|^(−1/2).",
        "hint_2pi_no_power": "2π does not seem to be raised to the power d/2. In d dimensions the normalising constant is 1 / sqrt((2π)^d |Σ|); only for d = 1 is it 1 / sqrt(2π |Σ|).",
        "hint_no_det": "The factor |Σ|^(1/2) of the normalising constant seems to be missing. The constant is 1 / sqrt((2π)^d |Σ|), with |Σ| = np.linalg.det(sigma).",
        "hint_no_normaliser": "The normalising constant 1 / sqrt((2π)^d |Σ|) seems to be missing altogether.",
        "hint_no_half": "The 1/2 in the exponent seems to be missing. The exponent is −(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ).",
        "hint_sign": "The sign of the exponent seems to be flipped. The density falls off away from the mean: exp(−(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ)).",
        "hint_returned_log": "It looks like the log density is returned. The density is np.exp(log density).",
        "hint_returned_pdf": "It looks like the density itself is returned. log_pdf returns the log of the density.",
        "hint_log_of_pdf": "np.log(pdf(...)) gives log 0 = −inf once the density underflows to 0. Compute the log density directly: −(d/2) log 2π − (1/2) log|Σ| − (1/2)(x − μ)ᵀ Σ⁻¹ (x − μ) (np.linalg.slogdet gives log|Σ|).",
        "hint_density": "Check each part of N(x | μ, Σ) = exp(−(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ)) / sqrt((2π)^d |Σ|) in turn.",
        "hint_maha_sigma": "It looks like Σ is used where Σ⁻¹ belongs. The squared Mahalanobis distance is (x − μ)ᵀ Σ⁻¹ (x − μ), which needs np.linalg.inv(sigma).",
        "hint_maha_sqrt": "It looks like the square root is taken. The quantity asked for is the squared distance (x − μ)ᵀ Σ⁻¹ (x − μ), without a square root.",
        "hint_maha": "The squared Mahalanobis distance is (x_n − μ)ᵀ Σ⁻¹ (x_n − μ). Check each part of diff = X − mu, np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1).",
        "hint_lse_no_add_back": "The maximum is subtracted but not added back at the end: log Σ_k exp(a_k) = m + log Σ_k exp(a_k − m).",
        "hint_lse_global_max": "It looks like the maximum of the whole array is subtracted. Subtract each row's maximum, m = a.max(axis=1, keepdims=True): when rows differ wildly in size, the global maximum makes exp underflow to 0.",
        "hint_lse_overflow": "exp(1000) overflows to inf and exp(−1000) underflows to 0. Subtract each row's maximum m before exp and add it back at the end: log Σ_k exp(a_k) = m + log Σ_k exp(a_k − m).",
        "hint_lse": "log-sum-exp is log Σ_k exp(a_nk) for each row n. Compute it as m + log Σ_k exp(a_nk − m) with m the row's maximum.",
        "hint_forgot_phi": "The mixing weights φ seem to be missing. The responsibilities are φ_k N(x_n | μ_k, Σ_k), normalised over k.",
        "hint_rows": "The rows of the responsibilities do not sum to 1 (row {row} sums to {total}, for example). Divide each row by its sum: responsibilities / responsibilities.sum(axis=1, keepdims=True).",
        "hint_rows_plain": "The responsibilities do not seem to be normalised. Divide each row by its sum so that every row sums to 1.",
        "hint_columns": "Each column sums to 1: the normalisation seems to be per component instead of per data point. For each data point x_n (each row) the responsibilities sum to 1 over k: divide by sum(axis=1, keepdims=True).",
        "hint_total": "It looks like everything is divided by the sum of all elements. Divide each data point's row x_n by that row's sum: sum(axis=1, keepdims=True).",
        "hint_returned_log_resp": "It looks like the log of the responsibilities is returned. Apply np.exp at the end.",
        "hint_underflow": "At a far-away point every φ_k N(x | μ_k, Σ_k) underflows to 0, and normalising gives 0/0 = NaN. Stay in log space: compute a_k = log φ_k + log N(x | μ_k, Σ_k), subtract each row's maximum m, then exp and normalise (log-sum-exp).",
        "hint_e_step": "Check each part of γ_nk = φ_k N(x_n | μ_k, Σ_k) / Σ_j φ_j N(x_n | μ_j, Σ_j). check_log_pdf / check_pdf test the density part on its own.",
        "hint_m_return": "The M-step returns three things: return phi, mu, sigma.",
        "hint_phi_over_K": "φ seems to be divided by K. φ_k = N_k / n, where n is the number of data points.",
        "hint_phi_not_divided": "φ is left as N_k, not divided by n. φ_k = N_k / n.",
        "hint_phi": "The mixing weights are φ_k = N_k / n with N_k = Σ_n γ_nk (responsibilities.sum(axis=0)).",
        "hint_mu_not_divided": "The means μ_k are not divided by N_k. μ_k = Σ_n γ_nk x_n / N_k.",
        "hint_mu_over_n": "The means μ_k seem to be divided by n. Divide by N_k = Σ_n γ_nk: μ_k = Σ_n γ_nk x_n / N_k.",
        "hint_mu": "The means are μ_k = Σ_n γ_nk x_n / N_k (responsibilities.T @ X / N_k[:, None]).",
        "hint_sigma_unbiased": "The covariances seem to be divided by N_k − 1 (the unbiased estimate). The M-step is maximum likelihood, so divide by N_k: Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k.",
        "hint_sigma_np_cov": "Even with weights (aweights), np.cov does not divide by the sum of the weights N_k by default: like the unbiased estimate, it divides by a slightly smaller number (N_k − 1 for 0/1 weights). The M-step is maximum likelihood and divides by N_k. Look up which argument of np.cov sets the divisor in its documentation, or compute Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k directly.",
        "hint_sigma_unweighted": "The covariances do not seem to be weighted by the responsibilities (they are the covariance of all the data). Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k.",
        "hint_sigma_over_n": "The covariances seem to be divided by n. Divide by N_k: Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k.",
        "hint_sigma_not_divided": "The covariances are not divided by N_k. Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k.",
        "hint_sigma_no_mean": "The outer products seem to use x_n instead of x_n − μ_k. Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k.",
        "hint_sigma_gamma_twice": "γ_nk seems to be applied twice (to both sides of diff). Weight one side only: (gamma[:, k, None] * diff).T @ diff / N_k[k].",
        "hint_sigma": "The covariances are Σ_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k, with the new μ_k.",
        "hint_sigma_after_mu": "Σ is computed from μ, so fix μ first.",
        "hint_em_return": "Return (phi, mu, sigma, log_likelihoods) (or, in the order of the chapter's EM_GMM, (phi, mu, sigma, responsibilities, log_likelihoods)).",
        "hint_ll_length": "Run exactly n_iter iterations and record one log-likelihood after each iteration's M-step: for _ in range(n_iter): ...",
        "hint_em_stage_e": "Look at the E-step. {inner}",
        "hint_em_stage_m": "Look at the M-step. {inner}",
        "hint_em_loop": "One iteration is right, but later iterations drift from the reference. Check that each E-step receives the parameters the previous M-step produced.",
        "hint_em": "Check the E-step and the M-step one at a time with check_e_step and check_m_step.",
        "hint_ll_decreases": "EM never decreases the log-likelihood, but here it decreases at iteration {t}.",
        "hint_ll_before": "The log-likelihood seems to be computed with the parameters before the M-step (those the E-step used). As in the chapter, compute it with the new parameters from the M-step.",
        "hint_ll_mean": "The log-likelihood seems to be averaged over the data points. Take the sum over all points: Σ_n log Σ_k φ_k N(x_n | μ_k, Σ_k).",
        "hint_ll_variant": "Look at how the log-likelihood is computed. {inner}",
        "hint_ll": "The parameters are right but the log-likelihoods are not. The log-likelihood is the sum over all points Σ_n log Σ_k φ_k N(x_n | μ_k, Σ_k), computed with the parameters after the M-step.",
    },
}

SYMBOLS = {"correct": "✓", "almost": "△", "wrong": "✗"}
COLOURS = {"correct": ("#1b5e20", "#e8f5e9"), "almost": ("#e65100", "#fff3e0"), "wrong": ("#b71c1c", "#ffebee")}


@dataclass(frozen=True, repr=False)
class CheckResult:
    """The verdict of a checker.

    passed   True only when every case agrees with the reference
    status   "correct", "almost" (ordinary cases right, the numerically hard case wrong) or "wrong"
    message  what happened, in the language that was current when the checker ran
    hint     what to look at ("" when passed)
    name     what was checked, e.g. "e_step"
    language "ja" or "en"
    """

    passed: bool
    status: str
    message: str
    hint: str
    name: str
    language: str

    def __bool__(self):
        return self.passed

    def __str__(self):
        text = f"{SYMBOLS[self.status]} {self.message}"
        if self.hint:
            text += "\n" + MESSAGES[self.language]["hint_label"] + self.hint
        return text

    __repr__ = __str__

    def _repr_html_(self):
        fg, bg = COLOURS[self.status]
        body = (f'<span style="color:{fg};font-weight:bold;font-size:1.15em">{SYMBOLS[self.status]}</span> '
                f"{html.escape(self.message)}")
        if self.hint:
            hint = html.escape(self.hint).replace("\n", "<br>")
            body += (f'<div style="margin-top:4px"><b>{html.escape(MESSAGES[self.language]["hint_label"].strip())}'
                     f"</b> {hint}</div>")
        return (f'<div style="border-left:6px solid {fg};background:{bg};color:#212121;'
                f'padding:8px 12px;margin:4px 0;line-height:1.5">{body}</div>')


class _Verdict(Exception):
    """Raised inside a checker to stop at the first problem with its result."""

    def __init__(self, result: CheckResult):
        super().__init__(result.message)
        self.result = result


def _checker(body):
    """Make a public checker: numpy kept quiet (the mistakes tried out may divide by 0), a verdict returned."""
    @functools.wraps(body)
    def check(*args, **kwargs) -> CheckResult:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                return body(*args, **kwargs)
            except _Verdict as verdict:
                return verdict.result
    return check


def _result(name: str, status: str, message: str, hint: str = "") -> CheckResult:
    return CheckResult(passed=status == "correct", status=status, message=message, hint=hint, name=name,
                       language=get_language())


def _wrong(name: str, message: str, hint: str = "") -> _Verdict:
    return _Verdict(_result(name, "wrong", _join(_t("wrong"), message), hint))


def _t(key: str, **values) -> str:
    return say(MESSAGES, key, **values)


def _quantity(key: str) -> str:
    """The name of a quantity to put before a particle: "共分散 Σ " gets a space before が / に."""
    text = _t(key)
    latin_or_greek = text[-1].isascii() or "\u0370" <= text[-1] <= "\u03ff"
    return text + " " if get_language() == "ja" and latin_or_greek else text


def _join(*sentences: str) -> str:
    """Sentences one after another: Japanese needs no space after 。, English does."""
    return ("" if get_language() == "ja" else " ").join(s for s in sentences if s)


def _func_name(func, default: str) -> str:
    """The name the learner gave the function (em_fast, my_e_step, ...), for the verdict; default for a lambda."""
    name = getattr(func, "__name__", "")
    return name if isinstance(name, str) and name.isidentifier() else default


# --- small formatting helpers -------------------------------------------------------------------

def _num(x: float) -> str:
    """A number rounded to 4 significant digits, without '-0'."""
    if np.isnan(x):
        return "nan"
    if np.isinf(x):
        return "inf" if x > 0 else "-inf"
    text = f"{x:.4g}"
    return "0" if text in ("-0", "0") else text


def _shape_text(shape) -> str:
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def _index_text(index) -> str:
    return "[" + ", ".join(str(i) for i in index) + "]"


def _point_text(point) -> str:
    return "(" + ", ".join(_num(v) for v in point) + ")"


# --- running the learner's function -----------------------------------------------------------

@dataclass
class _Case:
    number: int  # 1-based, as the learner reads it
    desc: str  # "n = 10, K = 3, d = 2"
    args: tuple  # what the learner's function receives (copied at every call)

    @property
    def text(self) -> str:
        return _t("case", i=self.number, desc=self.desc)


@dataclass(frozen=True)
class _Spec:
    name: str  # "e_step"
    call: str  # "e_step(X, phi, mu, sigma)"
    shapes: tuple  # (("X", "(n, d)"), ("phi", "(K,)"), ...); "int" for an integer

    @property
    def shapes_text(self) -> str:
        """'X の形は (n, d)、phi は (K,)' / 'X of shape (n, d), phi (K,)'."""
        ja = get_language() == "ja"
        parts = []
        for i, (arg, shape) in enumerate(self.shapes):
            if shape == "int":
                parts.append(f"{arg} は整数" if ja else f"{arg} an integer")
            elif ja:
                parts.append(f"{arg} の形は {shape}" if i == 0 else f"{arg} は {shape}")
            else:
                parts.append(f"{arg} of shape {shape}" if i == 0 else f"{arg} {shape}")
        return ("、" if ja else ", ").join(parts)


def _call(spec: _Spec, func, case: _Case):
    """func(*case.args) on fresh copies (warnings are off in every checker); an exception becomes a verdict."""
    if not callable(func):
        raise _wrong(spec.name, _t("not_callable", type=type(func).__name__), _t("hint_not_callable", name=spec.name))
    args = tuple(np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in case.args)
    try:
        return func(*args)
    except Exception as exc:  # report it in one line, as a learner can act on it; no traceback
        raise _verdict_for_exception(spec, case, exc, _t) from None


def _verdict_for_exception(spec, case, exc: Exception, t) -> "_Verdict":
    """The one-line "your function raised ..." verdict, with a hint for the usual causes (t: message lookup)."""
    text = " ".join(str(exc).split())
    if len(text) > 160:
        text = text[:157] + "..."
    error = type(exc).__name__ + (f": {text}" if text else "")
    if isinstance(exc, TypeError) and "argument" in text:
        hint_key = "hint_signature"
    elif isinstance(exc, ValueError) and "broadcast" in text:
        hint_key = "hint_broadcast"
    else:
        hint_key = "hint_raised"
    return _wrong(spec.name, t("raised", case=case.text, error=error), t(hint_key, call=spec.call, shapes=spec.shapes_text))


def _as_array(spec: _Spec, case: _Case, value, expected_shape, shape_name: str, quantity: str,
              finite: bool = True) -> np.ndarray:
    """The returned value as a float array of the expected shape (None: any), or a verdict saying what is off."""
    if value is None:
        raise _wrong(spec.name, _t("none", case=case.text), _t("hint_none"))
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise _wrong(spec.name, _t("not_numeric", case=case.text, type=type(value).__name__),
                     _t("hint_not_numeric", name=shape_name)) from None
    expected_shape = array.shape if expected_shape is None else tuple(expected_shape)
    if array.shape != expected_shape:
        raise _wrong(spec.name, _t("shape", case=case.text, name=shape_name, expected=_shape_text(expected_shape),
                                   got=_shape_text(array.shape)),
                     _shape_hint(spec, array.shape, expected_shape, shape_name))
    if finite and not np.all(np.isfinite(array)):
        count = int((~np.isfinite(array)).sum())
        raise _wrong(spec.name, _t("nonfinite", case=case.text, quantity=_quantity(quantity), count=count),
                     _t("hint_nonfinite"))
    return array


def _shape_hint(spec: _Spec, got, expected, shape_name: str) -> str:
    if got == () and expected != ():
        return _t("hint_scalar")
    if len(expected) == 1 and spec.name == "log_sum_exp":
        return _t("hint_lse_axis")
    if len(expected) == 1 and got == (expected[0], expected[0]):
        return _t("hint_nn")
    if len(expected) == 1 and got in ((expected[0], 1), (1, expected[0])):
        return _t("hint_keepdims", name=shape_name)
    if len(got) == len(expected) >= 2 and got == expected[::-1]:
        return _t("hint_transposed", name=shape_name)
    if len(got) == len(expected) == 3 and sorted(got) == sorted(expected):
        return _t("hint_axes", name=shape_name)
    return _t("hint_shape")


def _close(got, expected) -> bool:
    return np.shape(got) == np.shape(expected) and bool(np.allclose(got, expected, rtol=RTOL, atol=ATOL))


def _mismatch_text(case: _Case, quantity: str, got: np.ndarray, expected: np.ndarray) -> str:
    """'In case 2 (...), the X differ: element [i, j] should be a but is b' for the worst element."""
    close = np.isclose(got, expected, rtol=RTOL, atol=ATOL)
    err = np.abs(got - expected)
    err = np.where(np.isnan(err), np.inf, err)
    err = np.where(close, -1.0, err)
    index = np.unravel_index(int(np.argmax(err)), np.shape(expected))
    return _t("mismatch", case=case.text, quantity=_quantity(quantity), index=_index_text(index),
              expected=_num(float(expected[index])), got=_num(float(got[index])))


def _first_match(got_list, variants_list, order):
    """The first mistake whose answers match the learner's on every case, or None."""
    for name in order:
        if all(_close(got, variants[name]) for got, variants in zip(got_list, variants_list)):
            return name
    return None


def _compare(name: str, quantity: str, cases, got_list, expected_list, variants_list, order, generic_hint: str):
    """A verdict at the first case whose answer differs from the reference, naming the mistake if one fits all cases."""
    for case, got, expected in zip(cases, got_list, expected_list):
        if not _close(got, expected):
            mistake = _first_match(got_list, variants_list, order)
            hint = _t(_hint_key(mistake)) if mistake else _t(generic_hint)
            raise _wrong(name, _mismatch_text(case, quantity, got, expected), hint)


# --- the reference and the typical mistakes, in plain numpy --------------------------------------

DENSITY_MISTAKES = ("sigma_for_inv", "inv_everywhere", "det_no_sqrt", "no_sqrt_at_all", "no_2pi", "2pi_no_power",
                    "no_det", "no_normaliser", "no_half", "sign")


def _log_gauss_variants(X, mu, sigma) -> dict:
    """log N(x_n | mu, sigma) for one component (n,), correct and with each typical mistake."""
    d = X.shape[1]
    diff = X - mu  # (n, d)
    maha = np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1)  # (n,) (x - mu)^T Sigma^{-1} (x - mu)
    maha_sigma = np.sum(diff @ sigma * diff, axis=1)  # (n,) the same with Sigma in place of Sigma^{-1}
    log_det = np.linalg.slogdet(sigma)[1]
    c = d * LOG_2PI
    return {
        "correct": -0.5 * (c + log_det + maha),
        "sigma_for_inv": -0.5 * (c + log_det + maha_sigma),
        "inv_everywhere": -0.5 * (c - log_det + maha_sigma),  # log_pdf(X, mu, inv(sigma))
        "det_no_sqrt": -0.5 * c - log_det - 0.5 * maha,  # 1 / (sqrt((2 pi)^d) |Sigma|)
        "no_sqrt_at_all": -c - log_det - 0.5 * maha,  # 1 / ((2 pi)^d |Sigma|)
        "no_2pi": -0.5 * (log_det + maha),
        "2pi_no_power": -0.5 * (LOG_2PI + log_det + maha),  # sqrt(2 pi |Sigma|)
        "no_det": -0.5 * (c + maha),
        "no_normaliser": -0.5 * maha,
        "no_half": -0.5 * (c + log_det) - maha,
        "sign": -0.5 * (c + log_det) + 0.5 * maha,
    }


def _log_weighted(X, phi, mu, sigma) -> dict:
    """log phi_k + log N(x_n | mu_k, sigma_k), (n, K), correct and with each density mistake."""
    per_k = [_log_gauss_variants(X, mu[k], sigma[k]) for k in range(len(phi))]
    return {name: np.log(phi) + np.column_stack([v[name] for v in per_k]) for name in per_k[0]}


def _lse_rows(a: np.ndarray) -> np.ndarray:
    m = a.max(axis=1, keepdims=True)
    return (m + np.log(np.exp(a - m).sum(axis=1, keepdims=True)))[:, 0]


def _normalise_rows(log_w: np.ndarray) -> np.ndarray:
    return np.exp(log_w - _lse_rows(log_w)[:, None])


E_MISTAKES = ("forgot_phi", "sigma_for_inv", "inv_everywhere", "det_no_sqrt", "no_det", "no_half", "sign")


def _e_step_variants(X, phi, mu, sigma) -> dict:
    """Responsibilities (n, K) with each typical E-step mistake (constants common to all k cancel)."""
    logs = _log_weighted(X, phi, mu, sigma)
    out = {"forgot_phi": _normalise_rows(logs["correct"] - np.log(phi))}
    for name in E_MISTAKES[1:]:
        out[name] = _normalise_rows(logs[name])
    return out


def _sigma_from(X, resp, mu, weights=None) -> np.ndarray:
    """sum_n w_nk (x_n - mu_k)(x_n - mu_k)^T, (K, d, d) (not divided)."""
    weights = resp if weights is None else weights
    diff = X[None, :, :] - mu[:, None, :]  # (K, n, d)
    return np.einsum("nk,kni,knj->kij", weights, diff, diff)


def _m_step_variants(X, resp) -> tuple[dict, dict, dict]:
    """phi, mu and sigma, correct and with each typical M-step mistake (sigma with the correct mu)."""
    n, d = X.shape
    K = resp.shape[1]
    N = resp.sum(axis=0)  # (K,)
    mu = resp.T @ X / N[:, None]  # (K, d)
    S = _sigma_from(X, resp, mu)  # (K, d, d)
    cov_all = [np.atleast_2d(np.cov(X, rowvar=False, ddof=ddof)) for ddof in (1, 0)]
    phi_v = {"correct": N / n, "phi_over_K": N / K, "phi_not_divided": N}
    mu_v = {"correct": mu, "mu_not_divided": resp.T @ X, "mu_over_n": resp.T @ X / n}
    sigma_v = {
        "correct": S / N[:, None, None],
        "sigma_unbiased": S / (N - 1)[:, None, None],
        "sigma_np_cov": S / (N - (resp**2).sum(axis=0) / N)[:, None, None],  # np.cov(..., aweights=gamma_k)
        "sigma_unweighted": np.repeat(cov_all[0][None], K, axis=0),
        "sigma_unweighted_0": np.repeat(cov_all[1][None], K, axis=0),
        "sigma_over_n": S / n,
        "sigma_not_divided": S,
        "sigma_no_mean": np.einsum("nk,ni,nj->kij", resp, X, X) / N[:, None, None],
        "sigma_gamma_twice": _sigma_from(X, resp, mu, resp**2) / N[:, None, None],
    }
    return phi_v, mu_v, sigma_v


PHI_MISTAKES = ("phi_over_K", "phi_not_divided")
MU_MISTAKES = ("mu_not_divided", "mu_over_n")
SIGMA_MISTAKES = ("sigma_unbiased", "sigma_np_cov", "sigma_unweighted", "sigma_unweighted_0", "sigma_over_n",
                  "sigma_not_divided", "sigma_no_mean", "sigma_gamma_twice")


def _hint_key(mistake: str) -> str:
    return "hint_" + mistake.removesuffix("_0")


def _random_spd(rng, d: int, scale: float) -> np.ndarray:
    """A random symmetric positive definite (d, d) matrix with correlations, of size about scale."""
    A = rng.normal(size=(d, d))
    return scale * (A @ A.T / d + 0.5 * np.eye(d))


# --- chapter 01: a mixture sampler and the empirical covariance of each component ----------------------

SAMPLER_SEEDS = 200  # samples per case: the standard deviation of the counts is then known to about 5 %


def _sampler_cases():
    """(phi, mu, sigma, n): the textbook's truth, then four components of unequal weight."""
    truth4 = GMMParams([0.1, 0.2, 0.3, 0.4], [[-4.0, 0.0], [0.0, 4.0], [4.0, 0.0], [0.0, -4.0]],
                       [[[1.0, 0.5], [0.5, 1.0]], [[0.5, 0.0], [0.0, 2.0]], [[1.5, -0.6], [-0.6, 0.8]], np.eye(2)])
    return [_Case(1, f"n = 1000, K = 3, d = 2, seed = 0…{SAMPLER_SEEDS - 1}",
                  (TEXTBOOK_TRUTH.phi, TEXTBOOK_TRUTH.mu, TEXTBOOK_TRUTH.sigma, 1000)),
            _Case(2, f"n = 500, K = 4, d = 2, seed = 0…{SAMPLER_SEEDS - 1}", (truth4.phi, truth4.mu, truth4.sigma, 500))]


def _sample_once(spec: _Spec, func, case: _Case, seed: int):
    """The learner's (X, z) for one seed, checked for form: X (n, d) floats, z (n,) component numbers."""
    phi, mu, sigma, n = case.args
    K, d = mu.shape
    value = _call(spec, func, _Case(case.number, case.desc, (phi, mu, sigma, n, seed)))
    if value is None:
        raise _wrong(spec.name, _t("none", case=case.text), _t("hint_none"))
    if not isinstance(value, (tuple, list)):
        raise _wrong(spec.name, _t("returned_type", case=case.text, type=type(value).__name__),
                     _t("hint_sampler_return"))
    if len(value) != 2:
        raise _wrong(spec.name, _t("returned_count", case=case.text, count=len(value)), _t("hint_sampler_return"))
    shape_X, shape_z = np.shape(value[0]), np.shape(value[1])
    if len(shape_X) == 1 and len(shape_z) == 2:  # (z, X) instead of (X, z)
        raise _wrong(spec.name, _t("shape", case=case.text, name="X (n, d)", expected=_shape_text((n, d)),
                                   got=_shape_text(shape_X)), _t("hint_sampler_return"))
    if len(shape_X) == 2 and shape_X[1] == d and shape_X[0] != n:
        raise _wrong(spec.name, _t("sampler_total", case=case.text, n=n, seed=seed, got=shape_X[0]),
                     _t("hint_sampler_total"))
    X = _as_array(spec, case, value[0], (n, d), "(n, d)", "q_sample_X")
    z = _as_array(spec, case, value[1], (n,), "(n,)", "q_sample_z")
    bad = ~np.isin(z, np.arange(K))
    if bad.any():
        raise _wrong(spec.name, _t("sampler_labels", case=case.text, last=K - 1, value=_num(float(z[bad][0]))),
                     _t("hint_sampler_labels"))
    return X, z.astype(int)


@_checker
def check_sampler(func) -> CheckResult:
    """Check a mixture sampler func(phi, mu, sigma, n, seed) -> (X (n, d), z (n,)) by its statistics.

    For each case the function is called with the seeds 0, ..., 199 (and once more with seed 0: the
    same seed must give the same sample). Over these samples the counts per component must have the
    mean n phi_k and the binomial standard deviation sqrt(n phi_k (1 - phi_k)) (within 25 %), and the
    points with z = k the mean mu[k] and covariance sigma[k] (within 0.05). The draws themselves may
    differ from gmm_teach.sample's: ancestral sampling (z first, point by point) and counts drawn from
    the multinomial distribution are both right. The typical mistakes named: counts fixed at int(w * n),
    a seed that is ignored, z not paired with the rows of X, eps @ L instead of eps @ L.T.
    """
    name = "sampler"
    spec = _Spec(name, "sampler(phi, mu, sigma, n, seed)",
                 (("phi", "(K,)"), ("mu", "(K, d)"), ("sigma", "(K, d, d)"), ("n", "int"), ("seed", "int")))
    ratios_text = []
    for case in _sampler_cases():
        phi, mu, sigma, n = case.args
        K, d = mu.shape
        runs = [_sample_once(spec, func, case, seed) for seed in range(SAMPLER_SEEDS)]
        again = _sample_once(spec, func, case, 0)
        if not (np.array_equal(again[0], runs[0][0]) and np.array_equal(again[1], runs[0][1])):
            raise _wrong(name, _t("sampler_seed", case=case.text, seed=0), _t("hint_sampler_seed"))
        counts = np.array([np.bincount(z, minlength=K) for _, z in runs])  # (seeds, K)
        if np.all(counts == counts[0]):
            raise _wrong(name, _t("sampler_fixed", case=case.text, seeds=SAMPLER_SEEDS,
                                  counts=_shape_text(counts[0].tolist())), _t("hint_sampler_fixed"))
        sd = np.sqrt(n * phi * (1 - phi))
        mean_off = np.abs(counts.mean(axis=0) - n * phi) > 5 * sd / np.sqrt(SAMPLER_SEEDS) + 0.5
        if mean_off.any():
            k = int(np.argmax(mean_off))
            raise _wrong(name, _t("sampler_count_mean", case=case.text, k=k, got=_num(float(counts[:, k].mean())),
                                  expected=_num(float(n * phi[k]))), _t("hint_sampler_phi"))
        ratio = counts.std(axis=0) / sd
        if np.any(np.abs(ratio - 1) > 0.25):
            k = int(np.argmax(np.abs(ratio - 1)))
            raise _wrong(name, _t("sampler_count_sd", case=case.text, k=k, got=_num(float(counts[:, k].std())),
                                  expected=_num(float(sd[k]))), _t("hint_sampler_sd"))
        X_all = np.vstack([X for X, _ in runs])
        z_all = np.concatenate([z for _, z in runs])
        means = np.array([X_all[z_all == k].mean(axis=0) for k in range(K)])
        covs = np.array([np.cov(X_all[z_all == k], rowvar=False, bias=True).reshape(d, d) for k in range(K)])
        overall = phi @ mu  # the mean of all the points, whatever z says
        for k in range(K):
            if not np.allclose(means[k], mu[k], atol=0.05):
                pairing = np.allclose(X_all.mean(axis=0), overall, atol=0.05)
                raise _wrong(name, _t("sampler_mean", case=case.text, k=k, got=_point_text(means[k]),
                                      expected=_point_text(mu[k])),
                             _t("hint_sampler_pairing" if pairing else "hint_sampler_gauss"))
        for k in range(K):
            if not np.allclose(covs[k], sigma[k], atol=0.05):
                index = np.unravel_index(int(np.argmax(np.abs(covs[k] - sigma[k]))), (d, d))
                L = np.linalg.cholesky(sigma[k])
                hint = "hint_sampler_cholesky" if np.allclose(covs[k], L.T @ L, atol=0.05) else "hint_sampler_gauss"
                raise _wrong(name, _t("sampler_cov", case=case.text, k=k, index=_index_text(index),
                                      got=_num(float(covs[k][index])), expected=_num(float(sigma[k][index]))),
                             _t(hint))
        ratios_text.append(_shape_text([float(np.round(r, 2)) for r in ratio]))
    cases = _sampler_cases()
    return _result(name, "correct", _join(_t("correct", name=_func_name(func, name), count=len(cases)),
                                          _t("correct_sampler", ratios=("、" if get_language() == "ja" else ", ").join(ratios_text))))


COV_MISTAKES = ("cov_unbiased", "cov_over_n", "cov_not_divided", "cov_not_centred", "cov_global_mean",
                "cov_all_points", "cov_all_points_0", "cov_diagonal")


def _empirical_cov_cases():
    """(X, z, k) for every component k of three small labelled data sets (each component has 3 points or more)."""
    rng = np.random.default_rng(16180)
    cases = []
    for number, (n, K, d) in enumerate(((12, 3, 2), (10, 2, 3), (16, 4, 2)), start=1):
        z = rng.permutation(np.concatenate([np.arange(K).repeat(3), rng.integers(K, size=n - 3 * K)]))
        X = rng.normal(scale=2.0, size=(K, d))[z] + rng.normal(size=(n, d)) @ _random_spd(rng, d, 0.8)
        for k in range(K):
            cases.append(_Case(number, f"n = {n}, K = {K}, d = {d}, k = {k}", (X, z, k)))
    return cases


def _empirical_cov_variants(X, z, k) -> dict:
    """The covariance of component k's points, correct and with each typical mistake."""
    X_k = X[z == k]
    N_k = len(X_k)
    diff = X_k - X_k.mean(axis=0)
    S = diff.T @ diff
    glob = X_k - X.mean(axis=0)
    all_diff = X - X.mean(axis=0)
    return {"correct": S / N_k, "cov_unbiased": S / (N_k - 1), "cov_over_n": S / len(X), "cov_not_divided": S,
            "cov_not_centred": X_k.T @ X_k / N_k, "cov_global_mean": glob.T @ glob / N_k,
            "cov_all_points": all_diff.T @ all_diff / (len(X) - 1), "cov_all_points_0": all_diff.T @ all_diff / len(X),
            "cov_diagonal": np.diag(np.diag(S / N_k))}


@_checker
def check_empirical_covariance(func) -> CheckResult:
    """Check func(X, z, k) -> (d, d), the maximum-likelihood covariance of the rows of X with z == k.

    X (n, d), z (n,) component numbers, k one of them. Compared with gmm_teach.m_step given the one-hot
    responsibilities np.eye(K)[z] (the per-component maximum-likelihood estimate, divided by N_k), on
    three small data sets, for every k. The typical mistakes named: N_k - 1 (np.cov's default), n,
    no division, no centring, the mean of all the data, all the data, the variances only.
    """
    name = "empirical_covariance"
    spec = _Spec(name, "empirical_covariance(X, z, k)", (("X", "(n, d)"), ("z", "(n,)"), ("k", "int")))
    cases = _empirical_cov_cases()
    got_list, expected_list, variants_list = [], [], []
    for case in cases:
        X, z, k = case.args
        d = X.shape[1]
        got_list.append(_as_array(spec, case, _call(spec, func, case), (d, d), "(d, d)", "q_cov"))
        K = int(z.max()) + 1
        expected_list.append(_ref_m_step(X, np.eye(K)[z], reg_covar=0.0).sigma[k])
        variants_list.append(_empirical_cov_variants(X, z, k))
    _compare(name, "q_cov", cases, got_list, expected_list, variants_list, COV_MISTAKES, "hint_cov")
    return _result(name, "correct", _t("correct", name=_func_name(func, name), count=len(cases)))


# --- one Gaussian: pdf, log_pdf, Mahalanobis distance -----------------------------------------------

def _density_cases(far: bool):
    """(X, mu, sigma) for d = 2, 1, 3, 2 and, with far=True, a 2-D case with the point (1000, 1000)."""
    rng = np.random.default_rng(20240611)
    cases = []
    for number, (n, d, scale) in enumerate(((9, 2, 1.8), (7, 1, 2.5), (8, 3, 0.6), (10, 2, 0.4)), start=1):
        mu = rng.normal(scale=2.0, size=d)
        sigma = _random_spd(rng, d, scale)
        X = mu + rng.normal(size=(n, d)) @ np.linalg.cholesky(sigma).T * 1.3
        cases.append(_Case(number, f"n = {n}, d = {d}", (X, mu, sigma)))
    if far:
        mu = np.array([0.5, -1.0])
        sigma = np.array([[1.2, 0.4], [0.4, 0.8]])
        X = np.vstack([mu + rng.normal(size=(5, 2)), np.full((1, 2), FAR)])
        cases.append(_Case(len(cases) + 1, "n = 6, d = 2", (X, mu, sigma)))
    return cases


@_checker
def _check_density(func, name: str, log: bool) -> CheckResult:
    spec = _Spec(name, f"{name}(X, mu, sigma)", (("X", "(n, d)"), ("mu", "(d,)"), ("sigma", "(d, d)")))
    quantity = "q_log_density" if log else "q_density"
    cases = _density_cases(far=log)
    ordinary = cases[:-1] if log else cases
    swapped = "returned_pdf" if log else "returned_log"  # log density for density, or the other way round
    got_list, expected_list, variants_list = [], [], []
    for case in ordinary:
        X, mu, sigma = case.args
        got_list.append(_as_array(spec, case, _call(spec, func, case), (X.shape[0],), "(n,)", quantity))
        reference = _ref_log_pdf(X, mu, sigma)
        variants = {k: (v if log else np.exp(v)) for k, v in _log_gauss_variants(X, mu, sigma).items()}
        variants[swapped] = np.exp(reference) if log else reference
        expected_list.append(reference if log else np.exp(reference))
        variants_list.append(variants)
    _compare(name, quantity, ordinary, got_list, expected_list, variants_list, DENSITY_MISTAKES + (swapped,),
             "hint_density")
    if not log:
        return _result(name, "correct", _t("correct", name=_func_name(func, name), count=len(cases)))
    # the far-away point: a log density computed as np.log(pdf) gives -inf there
    case = cases[-1]
    X, mu, sigma = case.args
    expected = _ref_log_pdf(X, mu, sigma)
    got = _as_array(spec, case, _call(spec, func, case), (X.shape[0],), "(n,)", quantity, finite=False)
    point = _point_text(X[-1])
    if not _close(got, expected):
        what = _t("what_nonfinite") if not np.all(np.isfinite(got)) else _t("what_values")
        message = _join(_t("almost"), _t("almost_far_log", count=len(ordinary), point=point, what=what))
        return _result(name, "almost", message, _t("hint_log_of_pdf"))
    return _result(name, "correct", _join(_t("correct", name=_func_name(func, name), count=len(cases)),
                                          _t("correct_far_log", point=point)))


def check_pdf(func) -> CheckResult:
    """Check func(X, mu, sigma) -> (n,) densities N(x_n | mu, sigma) of one Gaussian.

    X (n, d), mu (d,), sigma (d, d); four cases with d = 2, 1, 3 and 2.
    """
    return _check_density(func, "pdf", log=False)


def check_log_pdf(func) -> CheckResult:
    """Check func(X, mu, sigma) -> (n,) log densities log N(x_n | mu, sigma) of one Gaussian.

    X (n, d), mu (d,), sigma (d, d); four ordinary cases with d = 2, 1, 3 and 2, then a case with the
    point (1000, 1000), where np.log(pdf) gives -inf ("almost": compute the log directly).
    """
    return _check_density(func, "log_pdf", log=True)


@_checker
def check_mahalanobis(func) -> CheckResult:
    """Check func(X, mu, sigma) -> (n,) squared Mahalanobis distances (x_n - mu)^T sigma^{-1} (x_n - mu).

    X (n, d), mu (d,), sigma (d, d). The squared distance (no square root), as in the exponent
    of the Gaussian density.
    """
    name = "mahalanobis"
    spec = _Spec(name, "mahalanobis(X, mu, sigma)", (("X", "(n, d)"), ("mu", "(d,)"), ("sigma", "(d, d)")))
    cases = _density_cases(far=False)
    got_list, expected_list, variants_list = [], [], []
    for case in cases:
        X, mu, sigma = case.args
        got_list.append(_as_array(spec, case, _call(spec, func, case), (X.shape[0],), "(n,)", "q_maha"))
        diff = X - mu
        expected = np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1)
        expected_list.append(expected)
        variants_list.append({"maha_sigma": np.sum(diff @ sigma * diff, axis=1), "maha_sqrt": np.sqrt(expected)})
    _compare(name, "q_maha", cases, got_list, expected_list, variants_list, ("maha_sigma", "maha_sqrt"), "hint_maha")
    return _result(name, "correct", _t("correct", name=_func_name(func, name), count=len(cases)))


@_checker
def check_log_sum_exp(func) -> CheckResult:
    """Check func(a) -> (n,) row-wise log-sum-exp log sum_k exp(a[n, k]) of an (n, K) array a.

    Three ordinary cases, then a case with values around +-1000, where exp overflows or
    underflows unless the row maximum is subtracted first ("almost" if only that case fails).
    """
    name = "log_sum_exp"
    spec = _Spec(name, "log_sum_exp(a)", (("a", "(n, K)"),))
    rng = np.random.default_rng(31415)
    cases = [_Case(i, f"n = {n}, K = {K}", (rng.normal(scale=3.0, size=(n, K)),))
             for i, (n, K) in enumerate(((6, 3), (8, 2), (5, 4)), start=1)]
    large = np.array([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -1003.0], [0.5, 1.0, 2.0],
                      [1000.0, -1000.0, 0.0], [-800.0, -800.5, -801.0]])
    cases.append(_Case(4, "n = 5, K = 3", (large,)))
    got_list, expected_list, variants_list = [], [], []
    for case in cases[:-1]:
        (a,) = case.args
        got_list.append(_as_array(spec, case, _call(spec, func, case), (a.shape[0],), "(n,)", "q_lse"))
        expected_list.append(_lse_rows(a))
        variants_list.append({"lse_no_add_back": expected_list[-1] - a.max(axis=1)})
    _compare(name, "q_lse", cases[:-1], got_list, expected_list, variants_list, ("lse_no_add_back",), "hint_lse")
    case = cases[-1]
    got = _as_array(spec, case, _call(spec, func, case), (large.shape[0],), "(n,)", "q_lse", finite=False)
    if not _close(got, _lse_rows(large)):
        m = large.max()
        global_max = m + np.log(np.exp(large - m).sum(axis=1))  # the whole array's maximum, not each row's
        hint = _t("hint_lse_global_max") if _close(got, global_max) else _t("hint_lse_overflow")
        what = _t("what_nonfinite") if not np.all(np.isfinite(got)) else _t("what_values")
        message = _join(_t("almost"), _t("almost_large", count=len(cases) - 1, what=what))
        return _result(name, "almost", message, hint)
    return _result(name, "correct", _join(_t("correct", name=_func_name(func, name), count=len(cases)), _t("correct_large")))


# --- the E-step -------------------------------------------------------------------------------------

def _mixture_case(rng, n: int, phi, d: int, spread: float):
    """phi, mu, sigma for K = len(phi) overlapping components in d dimensions, and n points among them."""
    phi = np.asarray(phi, dtype=float)
    K = len(phi)
    mu = rng.normal(scale=spread, size=(K, d))
    sigma = np.stack([_random_spd(rng, d, rng.uniform(0.4, 2.0)) for _ in range(K)])
    centre = mu.mean(axis=0)
    X = centre + rng.normal(scale=spread * 1.2, size=(n, d))
    return phi, mu, sigma, X


def _e_step_cases():
    rng = np.random.default_rng(5772)
    cases = []
    for number, (n, phi, d) in enumerate(((10, (0.2, 0.5, 0.3), 2), (8, (0.7, 0.3), 1),
                                          (9, (0.15, 0.35, 0.5), 3)), start=1):
        phi, mu, sigma, X = _mixture_case(rng, n, phi, d, spread=1.5)
        cases.append(_Case(number, f"n = {n}, K = {len(phi)}, d = {d}", (X, phi, mu, sigma)))
    phi, mu, sigma, X = _mixture_case(rng, 5, (0.3, 0.4, 0.3), 2, spread=1.5)
    X = np.vstack([X, np.full((1, 2), FAR)])
    cases.append(_Case(4, "n = 6, K = 3, d = 2", (X, phi, mu, sigma)))
    return cases


def _first_if_tuple(value):
    return value[0] if isinstance(value, tuple) and len(value) > 0 else value


@_checker
def check_e_step(func) -> CheckResult:
    """Check an E-step func(X, phi, mu, sigma) -> responsibilities (n, K).

    X (n, d), phi (K,), mu (K, d), sigma (K, d, d), all plain numpy arrays. A returned tuple
    (responsibilities, log_likelihood) is accepted: only its first element is checked.
    Three ordinary cases, then a case with the point (1000, 1000), far from every component,
    where the naive E-step gives 0/0 = NaN ("almost": use log-sum-exp).
    """
    name = "e_step"
    spec = _Spec(name, "e_step(X, phi, mu, sigma)",
                 (("X", "(n, d)"), ("phi", "(K,)"), ("mu", "(K, d)"), ("sigma", "(K, d, d)")))
    cases = _e_step_cases()
    ordinary = cases[:-1]
    got_list, variants_list, expected_list = [], [], []
    for case in ordinary:
        X, phi, mu, sigma = case.args
        shape = (X.shape[0], len(phi))
        got = _as_array(spec, case, _first_if_tuple(_call(spec, func, case)), shape, "(n, K)", "q_resp")
        got_list.append(got)
        variants_list.append(_e_step_variants(X, phi, mu, sigma))
        expected_list.append(_ref_e_step(X, GMMParams(phi, mu, sigma))[0])
    for i, (case, got, expected) in enumerate(zip(ordinary, got_list, expected_list)):
        if _close(got, expected):
            continue
        message = _mismatch_text(case, "q_resp", got, expected)
        raise _wrong(name, message, _e_step_hint(got_list, variants_list, expected_list, i))
    # the far-away point
    case = cases[-1]
    X, phi, mu, sigma = case.args
    got = _as_array(spec, case, _first_if_tuple(_call(spec, func, case)), (X.shape[0], len(phi)), "(n, K)",
                    "q_resp", finite=False)
    expected = _ref_e_step(X, GMMParams(phi, mu, sigma))[0]
    point = _point_text(X[-1])
    if not _close(got, expected):
        what = _t("what_nonfinite") if not np.all(np.isfinite(got)) else _t("what_values")
        message = _join(_t("almost"), _t("almost_far_e", count=len(ordinary), point=point, what=what))
        return _result(name, "almost", message, _t("hint_underflow"))
    return _result(name, "correct", _join(_t("correct", name=_func_name(func, name), count=len(cases)),
                                          _t("correct_far_e", point=point)))


def _e_step_hint(got_list, variants_list, expected_list, i: int) -> str:
    """The most specific hint for responsibilities that differ from the reference (in case i first)."""
    got, expected = got_list[i], expected_list[i]
    if _close(np.exp(got), expected):
        return _t("hint_returned_log_resp")
    rows = got.sum(axis=1)
    if not np.allclose(rows, 1.0, rtol=RTOL, atol=1e-6):
        if np.allclose(got.sum(axis=0), 1.0, rtol=RTOL, atol=1e-6):
            return _t("hint_columns")
        if np.isclose(got.sum(), 1.0, rtol=RTOL, atol=1e-6):
            return _t("hint_total")
        row = int(np.argmax(np.abs(rows - 1.0)))
        return _t("hint_rows", row=row, total=_num(float(rows[row])))
    mistake = _first_match(got_list, variants_list, E_MISTAKES)
    return _t(_hint_key(mistake)) if mistake else _t("hint_e_step")


# --- the M-step -------------------------------------------------------------------------------------

def _m_step_cases():
    rng = np.random.default_rng(27182)
    cases = []
    for number, (n, K, d) in enumerate(((12, 3, 2), (10, 2, 1), (14, 2, 3)), start=1):
        X = rng.normal(scale=2.0, size=(n, d)) + rng.normal(size=d)
        resp = rng.dirichlet(np.full(K, 1.5), size=n)  # (n, K) rows sum to 1
        cases.append(_Case(number, f"n = {n}, K = {K}, d = {d}", (X, resp)))
    return cases


def _unpack_params(spec: _Spec, case: _Case, value, hint_key: str, sizes=(3,)):
    """(phi, mu, sigma, *rest) from a tuple / list, a GMMParams-like object or an EMResult-like object."""
    if value is None:
        raise _wrong(spec.name, _t("none", case=case.text), _t("hint_none"))
    if hasattr(value, "params") and hasattr(value, "log_likelihoods"):  # gmm_teach.EMResult
        value = (value.params.phi, value.params.mu, value.params.sigma, value.log_likelihoods)
    elif all(hasattr(value, a) for a in ("phi", "mu", "sigma")):  # GMMParams
        value = (value.phi, value.mu, value.sigma)
    if not isinstance(value, (tuple, list)):
        raise _wrong(spec.name, _t("returned_type", case=case.text, type=type(value).__name__), _t(hint_key))
    if len(value) not in sizes:
        raise _wrong(spec.name, _t("returned_count", case=case.text, count=len(value)), _t(hint_key))
    return tuple(value)


def _check_params_shapes(spec: _Spec, case: _Case, values, K: int, d: int):
    phi, mu, sigma = values[:3]
    return (_as_array(spec, case, phi, (K,), "(K,)", "q_phi"),
            _as_array(spec, case, mu, (K, d), "(K, d)", "q_mu"),
            _as_array(spec, case, sigma, (K, d, d), "(K, d, d)", "q_sigma"))


@_checker
def check_m_step(func) -> CheckResult:
    """Check an M-step func(X, responsibilities) -> (phi, mu, sigma).

    X (n, d), responsibilities (n, K) with rows summing to 1; returns phi (K,), mu (K, d),
    sigma (K, d, d), the maximum-likelihood estimates (divided by N_k, no reg_covar).
    A returned GMMParams is accepted too.
    """
    name = "m_step"
    spec = _Spec(name, "m_step(X, responsibilities)", (("X", "(n, d)"), ("responsibilities", "(n, K)")))
    cases = _m_step_cases()
    got_list, variants_list = [], []
    for case in cases:
        X, resp = case.args
        values = _unpack_params(spec, case, _call(spec, func, case), "hint_m_return")
        got_list.append(_check_params_shapes(spec, case, values, resp.shape[1], X.shape[1]))
        variants_list.append(_m_step_variants(X, resp))
        reference = _ref_m_step(X, resp, reg_covar=0.0)
        for variants, value in zip(variants_list[-1], (reference.phi, reference.mu, reference.sigma)):
            variants["correct"] = value  # the package's own answer is the reference
    for i, case in enumerate(cases):
        wrong = [p for p in range(3) if not _close(got_list[i][p], variants_list[i][p]["correct"])]
        if not wrong:
            continue
        hints = []
        for part, mistakes, generic in ((0, PHI_MISTAKES, "hint_phi"), (1, MU_MISTAKES, "hint_mu"),
                                        (2, SIGMA_MISTAKES, "hint_sigma")):
            if part not in wrong:
                continue
            if part == 2 and 1 in wrong:
                hints.append(_t("hint_sigma_after_mu"))
                continue
            mistake = _first_match([g[part] for g in got_list], [v[part] for v in variants_list], mistakes)
            hints.append(_t(_hint_key(mistake)) if mistake else _t(generic))
        part = wrong[0]
        quantity = ("q_phi", "q_mu", "q_sigma")[part]
        message = _mismatch_text(case, quantity, got_list[i][part], variants_list[i][part]["correct"])
        raise _wrong(name, message, "\n".join(hints))
    return _result(name, "correct", _t("correct", name=_func_name(func, name), count=len(cases)))


# --- the whole EM loop ------------------------------------------------------------------------------

def _em_cases():
    """(X, phi0, mu0, sigma0, n_iter): one iteration from a non-uniform start, ten on the chapter's mixture, five in 1-D."""
    rng = np.random.default_rng(1977)
    truth = GMMParams([0.4, 0.6], [[0.0, 0.0], [2.5, 1.5]], [[[1.0, 0.3], [0.3, 0.7]], [[0.8, -0.2], [-0.2, 1.2]]])
    X1, _ = sample(truth, 30, seed=int(rng.integers(2**31)))
    phi1 = np.array([0.35, 0.65])
    mu1 = X1[[0, 1]] + np.array([[0.3, -0.2], [0.1, 0.4]])
    sigma1 = np.array([[[1.5, 0.4], [0.4, 0.8]], [[0.7, -0.2], [-0.2, 1.2]]])
    X2, z = sample(TEXTBOOK_TRUTH, 45, seed=int(rng.integers(2**31)))
    first = [int(np.flatnonzero(z == k)[0]) for k in range(3)]  # one starting mean in each true cluster
    phi2 = np.full(3, 1 / 3)
    mu2 = X2[first]
    sigma2 = np.repeat(np.cov(X2, rowvar=False)[None], 3, axis=0)  # the chapter's start: the data covariance
    truth3 = GMMParams([0.3, 0.7], [[-1.0], [2.0]], [[[0.5]], [[1.5]]])
    X3, _ = sample(truth3, 25, seed=int(rng.integers(2**31)))
    phi3, mu3, sigma3 = np.array([0.6, 0.4]), np.array([[-0.5], [1.0]]), np.array([[[1.0]], [[2.0]]])
    return [_Case(1, "n = 30, K = 2, d = 2, n_iter = 1", (X1, phi1, mu1, sigma1, 1)),
            _Case(2, "n = 45, K = 3, d = 2, n_iter = 10", (X2, phi2, mu2, sigma2, 10)),
            _Case(3, "n = 25, K = 2, d = 1, n_iter = 5", (X3, phi3, mu3, sigma3, 5))]


def _reference_em(X, phi, mu, sigma, n_iter: int):
    """gmm_teach.fit from the given start, no reg_covar, exactly n_iter iterations."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return _ref_fit(X, len(phi), init=GMMParams(phi, mu, sigma), reg_covar=0.0, max_iter=n_iter, tol=0.0)


def _log_likelihood_variants(X, params: GMMParams) -> dict:
    """Total log-likelihood under params, correct and with each density mistake."""
    logs = _log_weighted(X, params.phi, params.mu, params.sigma)  # name -> (n, K)
    return {name: float(_lse_rows(v).sum()) for name, v in logs.items()}


def _em_stage_variants(X, phi, mu, sigma) -> list:
    """(phi, mu, sigma) after one iteration with one typical E-step or M-step mistake: [(hint, triple)]."""
    out = []
    logs = _log_weighted(X, phi, mu, sigma)
    raw = np.exp(logs["correct"])  # phi_k N(x_n | mu_k, Sigma_k), not normalised
    e_variants = dict(_e_step_variants(X, phi, mu, sigma))
    e_variants["rows_plain"] = raw
    e_variants["columns"] = raw / raw.sum(axis=0)

    def m(resp, phi_key="correct", mu_key="correct", sigma_key="correct"):
        phi_v, mu_v, sigma_v = _m_step_variants(X, resp)
        new_mu = mu_v[mu_key]
        new_sigma = (sigma_v[sigma_key] if mu_key == "correct"
                     else _sigma_from(X, resp, new_mu) / resp.sum(axis=0)[:, None, None])
        return phi_v[phi_key], new_mu, new_sigma

    for mistake, resp in e_variants.items():
        out.append((_t("hint_em_stage_e", inner=_t(_hint_key(mistake))), m(resp)))
    resp = _normalise_rows(logs["correct"])
    for key_name, mistakes in (("phi_key", PHI_MISTAKES), ("mu_key", MU_MISTAKES), ("sigma_key", SIGMA_MISTAKES)):
        for mistake in mistakes:
            out.append((_t("hint_em_stage_m", inner=_t(_hint_key(mistake))), m(resp, **{key_name: mistake})))
    return out


@_checker
def check_em(func) -> CheckResult:
    """Check a whole EM loop func(X, phi, mu, sigma, n_iter) -> (phi, mu, sigma, log_likelihoods).

    Starting from the given phi (K,), mu (K, d), sigma (K, d, d), run n_iter iterations of
    E-step then M-step (no reg_covar) and record the total log-likelihood after each M-step,
    as the chapter does: log_likelihoods has n_iter values. Compared with gmm_teach.fit from the
    same start (exactly n_iter iterations). Also accepted: the chapter's order (phi, mu, sigma,
    responsibilities, log_likelihoods) and a gmm_teach.EMResult. A convergence test with the
    chapter's tol = 1e-5 (or anything up to 0.1) never stops early on these cases.
    """
    name = "em"
    spec = _Spec(name, "em(X, phi, mu, sigma, n_iter)",
                 (("X", "(n, d)"), ("phi", "(K,)"), ("mu", "(K, d)"), ("sigma", "(K, d, d)"), ("n_iter", "int")))
    cases = _em_cases()
    for case in cases:
        X, phi0, mu0, sigma0, n_iter = case.args
        K, d = mu0.shape
        values = _unpack_params(spec, case, _call(spec, func, case), "hint_em_return", sizes=(4, 5))
        got = _check_params_shapes(spec, case, values, K, d)
        lls = values[-1]
        if lls is None:
            raise _wrong(name, _t("ll_length", case=case.text, got=0, n_iter=n_iter), _t("hint_ll_length"))
        lls = _as_array(spec, case, lls, None, "(n_iter,)", "q_ll", finite=False).ravel()  # a list is fine
        if lls.size != n_iter:
            raise _wrong(name, _t("ll_length", case=case.text, got=lls.size, n_iter=n_iter), _t("hint_ll_length"))
        lls = _as_array(spec, case, lls, (n_iter,), "(n_iter,)", "q_ll")
        reference = _reference_em(X, phi0, mu0, sigma0, n_iter)
        expected = (reference.params.phi, reference.params.mu, reference.params.sigma)
        wrong = [p for p in range(3) if not _close(got[p], expected[p])]
        if wrong:
            part = wrong[0]
            quantity = ("q_phi", "q_mu", "q_sigma")[part]
            message = _mismatch_text(case, quantity, got[part], expected[part])
            raise _wrong(name, message, _em_hint(spec, func, case, got, lls))
        if not _close(lls, reference.log_likelihoods):
            message = _mismatch_text(case, "q_ll", lls, reference.log_likelihoods)
            raise _wrong(name, message, _ll_hint(X, lls, reference))
    return _result(name, "correct", _t("correct", name=_func_name(func, name), count=len(cases)))


def _em_hint(spec: _Spec, func, case: _Case, got, lls) -> str:
    """Which stage is wrong: after one iteration from the case's start, compare with each typical mistake."""
    X, phi0, mu0, sigma0, n_iter = case.args
    decreases = [t for t in range(1, len(lls)) if lls[t] < lls[t - 1] - 1e-8 * abs(lls[t - 1])]
    extra = _t("hint_ll_decreases", t=decreases[0]) if decreases else ""
    if n_iter != 1:  # run the learner's loop once from the same start: is the first iteration already wrong?
        once = _Case(case.number, case.desc, (X, phi0, mu0, sigma0, 1))
        try:
            values = _unpack_params(spec, once, _call(spec, func, once), "hint_em_return", sizes=(4, 5))
            got = _check_params_shapes(spec, once, values, *mu0.shape)
        except _Verdict:
            return _join(_t("hint_em"), extra)
        first = _reference_em(X, phi0, mu0, sigma0, 1).params
        if all(_close(g, e) for g, e in zip(got, (first.phi, first.mu, first.sigma))):
            return _join(_t("hint_em_loop"), extra)
    for hint, triple in _em_stage_variants(X, phi0, mu0, sigma0):
        if all(_close(g, v) for g, v in zip(got, triple)):
            return hint
    return _join(_t("hint_em"), extra)


def _ll_hint(X, lls, reference) -> str:
    """Why the log-likelihoods differ when the parameters are right."""
    before = [_log_likelihood_variants(X, p)["correct"] for p in reference.history[:-1]]
    if _close(lls, np.array(before)):
        return _t("hint_ll_before")
    if _close(lls, reference.log_likelihoods / X.shape[0]):
        return _t("hint_ll_mean")
    variants = [_log_likelihood_variants(X, p) for p in reference.history[1:]]
    for mistake in DENSITY_MISTAKES:
        if _close(lls, np.array([v[mistake] for v in variants])):
            return _t("hint_ll_variant", inner=_t(_hint_key(mistake)))
    return _t("hint_ll")


__all__ = ["CheckResult", "check_sampler", "check_empirical_covariance", "check_pdf", "check_log_pdf", "check_mahalanobis", "check_log_sum_exp", "check_e_step",
           "check_m_step", "check_em"]
