# %% [markdown] slide="slide"
# # 07 EM はなぜうまくいくか ── 下界と KL ダイバージェンス
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/07_why_em_works.ipynb) (インストール不要。Google アカウントで実行できる)
#
# 05 章では、EM の対数尤度が反復ごとに決して減らないことを数値で確かめ、その理由を式の流れだけで示した。
# 本章ではその議論を一から組み立て直す。出発点は対数関数の凹性 (イェンセンの不等式) である。
# そこから対数尤度の下界 $\mathcal{L}(q, \theta)$ を作り、対数尤度が「下界」と「KL ダイバージェンス」の和に
# ぴったり分解されることを導く。そのうえで、教科書のデータでの EM の実行を E ステップと M ステップの
# 半ステップごとに追い、下界とギャップ (KL) がどう動くかを図で確かめる。
#
# **この章で学ぶこと**
# - イェンセンの不等式 $\ln \sum_k q_k r_k \ge \sum_k q_k \ln r_k$ と、等号が成り立つ条件
# - 任意の分布 $q$ に対する対数尤度の下界 $\mathcal{L}(q, \theta)$ と、分解
#   $\ln p(X \mid \theta) = \mathcal{L}(q, \theta) + \mathrm{KL}(q \,\|\, p(Z \mid X, \theta))$
# - $\mathcal{L}$ と KL を数行で計算し、`gt.lower_bound`、`gt.kl_divergence` と照合すること
# - E ステップは $q$ について、M ステップは $\theta$ について $\mathcal{L}$ を最大化すること (座標上昇法) と、
#   半ステップごとの $\mathcal{L}$、$\ln p$、KL の推移
# - 対数尤度の増分が「M ステップでの下界の増分」と「新しく開いたギャップ」に分かれること、
#   単調性を誤りの検出に使えること、一般化 EM
#
# **前提**: [03 E ステップ](03_e_step.ipynb) (負担率はベイズの定理による事後確率、log-sum-exp)、
# [04 M ステップ](04_m_step.ipynb) (M ステップが最大化する $Q(\theta)$、6 節の下界の図)、
# [05 EM アルゴリズム](05_em_algorithm.ipynb) (EM の反復、`result.history`)。対数の性質と、離散分布の期待値。

# %% [markdown] lang="en"
# # 07 Why EM works: the lower bound and the KL divergence
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/07_why_em_works.ipynb) (nothing to install; runs with a Google account)
#
# In chapter 05 we saw in numbers that EM never lets the log-likelihood fall from one iteration to the next, and sketched why
# in a few lines of formulas. This chapter builds that argument from the ground up. It starts from the concavity of the
# logarithm (Jensen's inequality), uses it to build a lower bound $\mathcal{L}(q, \theta)$ on the log-likelihood, and shows
# that the log-likelihood splits exactly into "the bound" plus "a KL divergence". Then we follow EM on the textbook data
# half-step by half-step, E-step and M-step apart, and watch in figures how the bound and the gap (the KL) move.
#
# **What you will learn**
# - Jensen's inequality $\ln \sum_k q_k r_k \ge \sum_k q_k \ln r_k$, and when it holds with equality
# - The lower bound $\mathcal{L}(q, \theta)$ on the log-likelihood for any distribution $q$, and the decomposition
#   $\ln p(X \mid \theta) = \mathcal{L}(q, \theta) + \mathrm{KL}(q \,\|\, p(Z \mid X, \theta))$
# - How to compute $\mathcal{L}$ and the KL in a few lines, and check them against `gt.lower_bound` and `gt.kl_divergence`
# - That the E-step maximises $\mathcal{L}$ over $q$ and the M-step over $\theta$ (coordinate ascent), and how
#   $\mathcal{L}$, $\ln p$ and the KL move half-step by half-step
# - That each increase of the log-likelihood splits into "the rise of the bound in the M-step" and "the gap that opens",
#   how monotonicity catches bugs, and generalised EM
#
# **Prerequisites**: [03 The E-step](03_e_step.ipynb) (responsibilities as posterior probabilities by Bayes' theorem, log-sum-exp),
# [04 The M-step](04_m_step.ipynb) (the quantity $Q(\theta)$ the M-step maximises, the lower-bound figure of Section 6),
# [05 The EM algorithm](05_em_algorithm.ipynb) (EM's iterations, `result.history`). The rules of logarithms and the
# expectation of a discrete distribution.

# %% slide="skip"
# Colab and other places without gmm-teach: install it. Where it is installed (make lab, Binder) this does nothing.
try:
    import gmm_teach
except ImportError:
    %pip install -q "gmm-teach @ git+https://github.com/OWNER/REPO"

# %% slide="skip"
import numpy as np
import matplotlib.pyplot as plt
import gmm_teach as gt
gt.set_language("ja")

# %% [markdown] slide="slide"
# ## 1. イェンセンの不等式
#
# 対数関数 $\ln r$ は上に凸 (凹関数) である。つまり曲線上の 2 点を結ぶ弦は、曲線より下にある。
# これを重み付き平均の言葉で言い直したものが **イェンセンの不等式** である。$q_k \ge 0$、$\sum_k q_k = 1$ を
# 満たす重みと正の数 $r_k$ について
#
# $$
# \ln \sum_{k} q_k r_k \;\ge\; \sum_{k} q_k \ln r_k
# $$
#
# が成り立つ。「平均の対数」は「対数の平均」以上である。等号が成り立つのは、$q_k > 0$ である $r_k$ が
# すべて等しいときに限る (弦が 1 点に縮むとき)。2 点の場合を図で見る。

# %% [markdown] lang="en"
# ## 1. Jensen's inequality
#
# The logarithm $\ln r$ is concave: the chord joining two points of its curve lies below the curve.
# Said in terms of weighted averages, this is **Jensen's inequality**: for weights $q_k \ge 0$ with $\sum_k q_k = 1$ and
# positive numbers $r_k$,
#
# $$
# \ln \sum_{k} q_k r_k \;\ge\; \sum_{k} q_k \ln r_k .
# $$
#
# "The log of the average" is at least "the average of the logs". Equality holds only when all the $r_k$ with $q_k > 0$
# are equal (the chord shrinks to a point). Here is the case of two points.

# %%
r = np.array([0.5, 5.0])  # two positive numbers r_1, r_2
q = np.array([0.3, 0.7])  # weights: non-negative, summing to 1
log_of_mean, mean_of_logs = np.log(q @ r), q @ np.log(r)
grid = np.linspace(0.2, 6.5, 200)
fig, ax = plt.subplots(figsize=(6.5, 4.2))
ax.plot(grid, np.log(grid), label=r"$\ln r$")
ax.plot(r, np.log(r), "o--", color="0.4", label="chord between $r_1$ and $r_2$")
ax.plot([q @ r] * 2, [mean_of_logs, log_of_mean], color="C3", linewidth=3, label="Jensen gap")
ax.plot([q @ r], [log_of_mean], "o", color="C0")
ax.plot([q @ r], [mean_of_logs], "s", color="0.4")
ax.set(title=r"Jensen's inequality: $\ln \sum_k q_k r_k \geq \sum_k q_k \ln r_k$", xlabel="$r$", ylabel=r"$\ln r$")
ax.legend(loc="lower right")
plt.show()
print(f"mean of r: {q @ r:.3f}   ln(mean of r) = {log_of_mean:.4f}   mean of ln r = {mean_of_logs:.4f}")
print("equal r_k give equality:", np.isclose(np.log(q @ [2.0, 2.0]), q @ np.log([2.0, 2.0])))

# %% [markdown] slide="subslide"
# 横軸の $\bar r = 0.3 \cdot 0.5 + 0.7 \cdot 5 = 3.65$ の位置で、曲線上の点 (丸、$\ln \bar r \approx 1.29$) が
# 弦の上の点 (四角、$\sum_k q_k \ln r_k \approx 0.92$) より上にある。赤い線分の長さが不等式の差 (イェンセンのギャップ) である。
# 2 つの $r_k$ が離れているほど弦は曲線から大きく垂れ下がり、ギャップは大きくなる。$r_1 = r_2$ なら弦は 1 点になり、
# 差は 0 である。EM の理解に必要なのは、この「等号が成り立つ条件」である。

# %% [markdown] lang="en"
# At $\bar r = 0.3 \cdot 0.5 + 0.7 \cdot 5 = 3.65$ on the horizontal axis, the point on the curve (circle, $\ln \bar r \approx 1.29$)
# lies above the point on the chord (square, $\sum_k q_k \ln r_k \approx 0.92$). The length of the red segment is the
# difference between the two sides (the Jensen gap). The further apart the $r_k$, the more the chord sags below the curve
# and the larger the gap. With $r_1 = r_2$ the chord is a single point and the difference is 0. What EM needs from this
# is exactly the condition for equality.

# %% [markdown] slide="slide"
# ## 2. 対数尤度の下界
#
# 1 つのデータ点 $\mathbf{x}_n$ の尤度は $p(\mathbf{x}_n \mid \theta) = \sum_k \phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$
# である。和の各項に、成分についての任意の分布 $q_{nk} > 0$ ($\sum_k q_{nk} = 1$) を掛けて割ると
#
# $$
# \ln p(\mathbf{x}_n \mid \theta) = \ln \sum_{k} q_{nk} \, \frac{\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{q_{nk}}
# \;\ge\; \sum_{k} q_{nk} \ln \frac{\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{q_{nk}}
# $$
#
# となる。不等号は、$r_k = \phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k) / q_{nk}$ とおいたイェンセンの不等式である。
# これを $n$ について足したものを
#
# $$
# \mathcal{L}(q, \theta) = \sum_{n=1}^{N} \sum_{k=1}^{K} q_{nk} \ln \frac{\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{q_{nk}}
# $$
#
# と書くと、どんな $q$ についても $\mathcal{L}(q, \theta) \le \ln p(X \mid \theta)$ である。$\mathcal{L}$ は $q$ で番号づけられた
# 下界の族であり、$q$ の選び方によって対数尤度にどれだけ近いかが変わる。等号が成り立つのは、各 $n$ で $r_k$ が $k$ によらない、
# すなわち $q_{nk} \propto \phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$ のときである。$k$ について和が 1 になるよう
# 正規化すれば、これは負担率 $\gamma_{nk}$ そのものである (03 章)。**最もきつい下界を与える $q$ は、E ステップの負担率である。**
#
# 教科書のデータと、教科書の初期値 $\theta^{(0)}$ (05 章と同じ `gt.fit` の `result.history[0]`) で確かめる。
# まず $a_{nk} = \ln \phi_k + \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$ と負担率を求める。

# %% [markdown] lang="en"
# ## 2. A lower bound on the log-likelihood
#
# The likelihood of one data point $\mathbf{x}_n$ is $p(\mathbf{x}_n \mid \theta) = \sum_k \phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$.
# Multiply and divide each term of the sum by any distribution over the components, $q_{nk} > 0$ with $\sum_k q_{nk} = 1$:
#
# $$
# \ln p(\mathbf{x}_n \mid \theta) = \ln \sum_{k} q_{nk} \, \frac{\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{q_{nk}}
# \;\ge\; \sum_{k} q_{nk} \ln \frac{\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{q_{nk}} .
# $$
#
# The inequality is Jensen's, with $r_k = \phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k) / q_{nk}$.
# Summing over $n$ and writing
#
# $$
# \mathcal{L}(q, \theta) = \sum_{n=1}^{N} \sum_{k=1}^{K} q_{nk} \ln \frac{\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{q_{nk}} ,
# $$
#
# we get $\mathcal{L}(q, \theta) \le \ln p(X \mid \theta)$ for every $q$. $\mathcal{L}$ is a family of lower bounds indexed by $q$,
# and how close it comes to the log-likelihood depends on the choice of $q$. Equality holds when, for each $n$, $r_k$ does
# not depend on $k$, that is when $q_{nk} \propto \phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$. Normalised to sum to 1
# over $k$, this is exactly the responsibility $\gamma_{nk}$ (chapter 03). **The $q$ that gives the tightest bound is the
# E-step's responsibilities.**
#
# Let us check this on the textbook data at the textbook's initial parameters $\theta^{(0)}$ (`result.history[0]` of the
# same `gt.fit` as in chapter 05). First, $a_{nk} = \ln \phi_k + \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$
# and the responsibilities.

# %%
X = gt.textbook_data()
result = gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)
params = result.history[0]  # theta^(0): the textbook's initial parameters
phi, mu, sigma = params.phi, params.mu, params.sigma
a = np.log(phi) + gt.log_pdf(X, mu, sigma)  # (n, K) a_nk = ln phi_k N(x_n | mu_k, Sigma_k)
m = a.max(axis=1, keepdims=True)
log_px = m + np.log(np.exp(a - m).sum(axis=1, keepdims=True))  # (n, 1) ln p(x_n | theta), by log-sum-exp
log_gamma = a - log_px  # (n, K) ln gamma_nk: Bayes' theorem in logs
responsibilities = np.exp(log_gamma)
ll = float(log_px.sum())
print(f"ln p(X | theta0) = {ll:.2f}")
print("responsibilities match gt.e_step:", np.allclose(responsibilities, gt.e_step(X, params)[0]))

# %% [markdown] slide="subslide"
# 下界が $q$ によってどう変わるかを見るため、負担率を逆温度 $s$ でなました分布の族
# $q_{nk}(s) \propto \gamma_{nk}^{\,s}$ を考える。$s = 0$ はどの点も 3 つの成分に 1/3 ずつ割り当てる一様な $q$、
# $s = 1$ は負担率そのもの、$s$ を大きくすると各点を最も負担率の大きい成分に寄せた「硬い」$q$ になる。
# $\mathcal{L}(q, \theta) = \sum_n \sum_k q_{nk} (a_{nk} - \ln q_{nk})$ は 1 行で計算できる。

# %% [markdown] lang="en"
# To see how the bound depends on $q$, take the family of distributions obtained by "tempering" the responsibilities with
# an inverse temperature $s$ (an exponent): $q_{nk}(s) \propto \gamma_{nk}^{\,s}$. At $s = 0$ it is the uniform $q$ that gives every point 1/3 to
# each of the three components, at $s = 1$ it is the responsibilities themselves, and a large $s$ pushes each point towards
# its most responsible component, a "hard" $q$. $\mathcal{L}(q, \theta) = \sum_n \sum_k q_{nk} (a_{nk} - \ln q_{nk})$ is one line.

# %%
def tempered(s):
    q = responsibilities**s
    return q / q.sum(axis=1, keepdims=True)  # (n, K) q_nk(s), proportional to gamma_nk^s


exponents = np.linspace(0, 4, 81)
bounds = [np.sum(tempered(s) * (a - np.log(tempered(s)))) for s in exponents]  # L(q(s), theta0)
fig, ax = plt.subplots(figsize=(6.5, 4.2))
ax.plot(exponents, bounds, label=r"lower bound $\mathcal{L}(q(s), \theta^{(0)})$")
ax.axhline(ll, color="black", linestyle="--", label=r"log-likelihood $\ln p(X \mid \theta^{(0)})$")
ax.axvline(1, color="0.6", linewidth=0.8)
ax.set(title=r"The bound touches the log-likelihood only at $q = \gamma$ ($s = 1$)",
       xlabel=r"exponent $s$ in $q_{nk}(s) \propto \gamma_{nk}^{\,s}$", ylabel="value")
ax.legend(loc="lower right")
plt.show()
print(f"s = 0 (uniform q): L = {bounds[0]:.2f}   s = 1 (q = gamma): L = {bounds[20]:.2f}   s = 4: L = {bounds[-1]:.2f}")
print(f"largest L over s at s = {exponents[np.argmax(bounds)]:.2f}")

# %% [markdown] slide="subslide"
# 下界 (実線) はどこでも対数尤度 (破線) の下にあり、$s = 1$ でだけ破線に接する。一様な $q$ ($s = 0$) では
# 下界は対数尤度より約 620 も低い。初期値 $\theta^{(0)}$ では各点の最大の負担率の多くが 0.4 から 0.6 の間にあるので (03 章)、
# 一様な $q$ でも硬い $q$ でも、負担率から離れた分だけ下界は緩くなる。下界を最もきつくする $q$ は、
# 一様でも硬くもなく、ちょうど負担率である。

# %% [markdown] lang="en"
# The bound (solid) lies below the log-likelihood (dashed) everywhere and touches it only at $s = 1$. For the uniform $q$
# ($s = 0$) the bound is about 620 below the log-likelihood. At $\theta^{(0)}$ the largest responsibility of most points lies
# between 0.4 and 0.6 (chapter 03), so both the uniform $q$ and the hard $q$ loosen the bound by however far they stray from the
# responsibilities. The $q$ that makes the bound tightest is neither uniform nor hard: it is exactly the responsibilities.

# %% [markdown] slide="slide"
# ## 3. 分解 $\ln p = \mathcal{L} + \mathrm{KL}$
#
# 下界と対数尤度の差は、実は式で書ける。ベイズの定理 (03 章) より
# $\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k) = p(\mathbf{x}_n \mid \theta) \, \gamma_{nk}$ であり、
# $\gamma_{nk} = p(z_n = k \mid \mathbf{x}_n, \theta)$ は潜在変数の事後分布である。これを $\mathcal{L}$ に代入し、
# $\sum_k q_{nk} = 1$ を使うと
#
# $$
# \mathcal{L}(q, \theta)
# = \sum_{n} \sum_{k} q_{nk} \Bigl[ \ln p(\mathbf{x}_n \mid \theta) + \ln \gamma_{nk} - \ln q_{nk} \Bigr]
# = \ln p(X \mid \theta) - \sum_{n} \sum_{k} q_{nk} \ln \frac{q_{nk}}{\gamma_{nk}}
# $$
#
# を得る。最後の項は、各点の分布 $q_n$ と事後分布 $\gamma_n$ の **KL ダイバージェンス** (カルバック・ライブラー情報量) の和である。
# まとめると、どんな $q$ と $\theta$ についても
#
# $$
# \ln p(X \mid \theta) = \mathcal{L}(q, \theta) + \mathrm{KL}\bigl(q \,\|\, p(Z \mid X, \theta)\bigr), \qquad
# \mathrm{KL}\bigl(q \,\|\, p(Z \mid X, \theta)\bigr) = \sum_{n} \sum_{k} q_{nk} \ln \frac{q_{nk}}{p(z_n = k \mid \mathbf{x}_n, \theta)}
# $$
#
# が**等式**として成り立つ。KL は 0 以上であり (イェンセンの不等式をもう一度使うと
# $-\mathrm{KL}_n = \sum_k q_{nk} \ln (\gamma_{nk} / q_{nk}) \le \ln \sum_k \gamma_{nk} = 0$)、0 になるのは $q = \gamma$ のときだけである。
# 2 節の不等式は「KL $\ge 0$」の言い換えにすぎず、下界と対数尤度の差 (ギャップ) は、$q$ が事後分布からどれだけ離れているかそのものである。
#
# 適当な $q$ (各点ごとにディリクレ分布から引いた分布) で、下界と KL を数行で計算し、分解とパッケージの実装を確かめる。

# %% [markdown] lang="en"
# ## 3. The decomposition $\ln p = \mathcal{L} + \mathrm{KL}$
#
# The difference between the bound and the log-likelihood can be written down. By Bayes' theorem (chapter 03),
# $\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k) = p(\mathbf{x}_n \mid \theta) \, \gamma_{nk}$, where
# $\gamma_{nk} = p(z_n = k \mid \mathbf{x}_n, \theta)$ is the posterior distribution of the latent variable. Put this into
# $\mathcal{L}$ and use $\sum_k q_{nk} = 1$:
#
# $$
# \mathcal{L}(q, \theta)
# = \sum_{n} \sum_{k} q_{nk} \Bigl[ \ln p(\mathbf{x}_n \mid \theta) + \ln \gamma_{nk} - \ln q_{nk} \Bigr]
# = \ln p(X \mid \theta) - \sum_{n} \sum_{k} q_{nk} \ln \frac{q_{nk}}{\gamma_{nk}} .
# $$
#
# The last term is the sum over the points of the **KL divergence** (Kullback-Leibler divergence) between each point's
# distribution $q_n$ and its posterior $\gamma_n$. In short, for every $q$ and every $\theta$,
#
# $$
# \ln p(X \mid \theta) = \mathcal{L}(q, \theta) + \mathrm{KL}\bigl(q \,\|\, p(Z \mid X, \theta)\bigr), \qquad
# \mathrm{KL}\bigl(q \,\|\, p(Z \mid X, \theta)\bigr) = \sum_{n} \sum_{k} q_{nk} \ln \frac{q_{nk}}{p(z_n = k \mid \mathbf{x}_n, \theta)}
# $$
#
# holds as an **equality**. The KL is never negative (Jensen's inequality once more:
# $-\mathrm{KL}_n = \sum_k q_{nk} \ln (\gamma_{nk} / q_{nk}) \le \ln \sum_k \gamma_{nk} = 0$), and it is 0 only for $q = \gamma$.
# The inequality of Section 2 is nothing but "KL $\ge 0$": the gap between the bound and the log-likelihood is precisely
# how far $q$ is from the posterior.
#
# With some $q$ (for each point, a distribution drawn from a Dirichlet distribution) we compute the bound and the KL in a
# few lines, and check the decomposition and the package.

# %%
rng = np.random.default_rng(0)
q = rng.dirichlet(np.ones(3), size=len(X))  # (n, K) any distribution over the components for each point
L = np.sum(q * (a - np.log(q)))  # lower bound L(q, theta)
KL = np.sum(q * (np.log(q) - log_gamma))  # KL(q || p(Z | X, theta))
print(f"L = {L:.2f}   KL = {KL:.2f}   L + KL = {L + KL:.2f}   ln p(X | theta0) = {ll:.2f}")
print("L matches gt.lower_bound:  ", np.isclose(L, gt.lower_bound(X, params, q)))
print("KL matches gt.kl_divergence:", np.isclose(KL, gt.kl_divergence(X, params, q)))
print("KL = 0 for q = responsibilities:", np.isclose(gt.kl_divergence(X, params, responsibilities), 0, atol=1e-9))

# %% [markdown] slide="subslide"
# 下界と KL の和は、小数第 2 位まで対数尤度に一致した。自分で書いた 2 行はパッケージの `gt.lower_bound`、
# `gt.kl_divergence` と一致し、$q$ を負担率にすると KL は 0 になる。
#
# 分解が $q$ によらず成り立つことを図でも見ておく。集中度の異なるディリクレ分布から $q$ を 300 通り引き、
# 各 $q$ について横軸に KL、縦軸に $\mathcal{L}$ をとる。

# %% [markdown] lang="en"
# The bound and the KL add up to the log-likelihood to two decimals. Our two lines agree with the package's
# `gt.lower_bound` and `gt.kl_divergence`, and with $q$ set to the responsibilities the KL is 0.
#
# Let us also see in a figure that the decomposition holds whatever $q$ is. We draw 300 different $q$ from Dirichlet
# distributions of different concentrations and, for each, plot the KL horizontally and $\mathcal{L}$ vertically.

# %%
concentrations = np.exp(rng.uniform(np.log(0.3), np.log(30), size=300))  # from near-hard to near-uniform rows
pairs = np.array([(gt.kl_divergence(X, params, qi), gt.lower_bound(X, params, qi))
                  for qi in (rng.dirichlet(np.full(3, c), size=len(X)) for c in concentrations)])
fig, ax = plt.subplots(figsize=(6.5, 4.2))
ax.scatter(pairs[:, 0], pairs[:, 1], s=10, alpha=0.6, label="random $q$")
kl_line = np.array([0, pairs[:, 0].max()])
ax.plot(kl_line, ll - kl_line, color="black", linewidth=1, label=r"$\ln p(X \mid \theta^{(0)}) - \mathrm{KL}$")
ax.plot([0], [ll], "*", color="C3", markersize=14, label=r"$q = \gamma$ (KL = 0)")
ax.set(title=r"Every $q$ lies on the line $\mathcal{L} = \ln p - \mathrm{KL}$",
       xlabel=r"$\mathrm{KL}(q \,\|\, p(Z \mid X, \theta^{(0)}))$", ylabel=r"$\mathcal{L}(q, \theta^{(0)})$")
ax.legend()
plt.show()
print("L + KL = ln p for all 300 q (to 1e-8):", bool(np.all(np.abs(pairs.sum(axis=1) - ll) < 1e-8)))

# %% [markdown]
# 300 個の点はすべて、傾き $-1$ の直線 $\mathcal{L} = \ln p - \mathrm{KL}$ の上に乗っている。$q$ をどう選んでも、
# 対数尤度という一定の量が「下界」と「ギャップ」に配分されるだけである。$q$ を事後分布に近づけるほど (左へ行くほど)
# 下界は高くなり、負担率 (赤い星) で下界は対数尤度に一致する。

# %% [markdown] lang="en"
# All 300 points lie on the line $\mathcal{L} = \ln p - \mathrm{KL}$ of slope $-1$. Whatever $q$ we choose, a fixed amount,
# the log-likelihood, is merely shared out between "the bound" and "the gap". The closer $q$ comes to the posterior
# (the further left), the higher the bound, and at the responsibilities (red star) the bound equals the log-likelihood.

# %% [markdown] slide="slide"
# ## 4. EM は $\mathcal{L}$ の座標上昇法である
#
# 分解を使うと、EM の 2 つのステップは同じ 1 つの量 $\mathcal{L}(q, \theta)$ を交互に最大化する操作として理解できる。
#
# 1. **E ステップ** ($\theta = \theta^{(t-1)}$ を固定して $q$ について最大化)。$\ln p(X \mid \theta^{(t-1)})$ は $q$ によらないので、
#    $\mathcal{L}$ を最大にすることは KL を最小にすることと同じである。KL は $q = \gamma$ で 0 になるので、新しい $q$ は負担率であり、
#    このとき $\mathcal{L}(q, \theta^{(t-1)}) = \ln p(X \mid \theta^{(t-1)})$。**E ステップはギャップを閉じる。**
# 2. **M ステップ** ($q$ を固定して $\theta$ について最大化)。$\mathcal{L}(q, \theta) = \sum_n \sum_k q_{nk} \ln \phi_k \mathcal{N}(\cdot)
#    - \sum_n \sum_k q_{nk} \ln q_{nk}$ の第 2 項は $\theta$ によらないので、これは 04 章の $Q(\theta)$ の最大化そのものである。
#    **M ステップは下界を押し上げる。** 新しい $\theta^{(t)}$ では $q$ はもはや事後分布ではないので、ふたたびギャップが開く。
#
# 以上をつなげると
#
# $$
# \ln p(X \mid \theta^{(t-1)}) \overset{\text{E}}{=} \mathcal{L}(q^{(t)}, \theta^{(t-1)})
# \overset{\text{M}}{\le} \mathcal{L}(q^{(t)}, \theta^{(t)})
# \le \mathcal{L}(q^{(t)}, \theta^{(t)}) + \mathrm{KL}\bigl(q^{(t)} \,\|\, p(Z \mid X, \theta^{(t)})\bigr) = \ln p(X \mid \theta^{(t)})
# $$
#
# となり、対数尤度は減らない。これを教科書の実行 (58 回の反復) で、半ステップごとに確かめる。
# 最初の E ステップの前にはまだ負担率がないので、出発点の $q$ は一様分布 ($q_{nk} = 1/3$) とする。
# 各半ステップの後の $\mathcal{L}$、KL、$\ln p$ を記録する。

# %% [markdown] lang="en"
# ## 4. EM is coordinate ascent on $\mathcal{L}$
#
# With the decomposition, the two steps of EM become two ways of maximising one and the same quantity, $\mathcal{L}(q, \theta)$,
# in turn.
#
# 1. **E-step** (maximise over $q$ with $\theta = \theta^{(t-1)}$ fixed). $\ln p(X \mid \theta^{(t-1)})$ does not depend on $q$,
#    so maximising $\mathcal{L}$ is the same as minimising the KL. The KL is 0 at $q = \gamma$, so the new $q$ is the
#    responsibilities, and then $\mathcal{L}(q, \theta^{(t-1)}) = \ln p(X \mid \theta^{(t-1)})$. **The E-step closes the gap.**
# 2. **M-step** (maximise over $\theta$ with $q$ fixed). In $\mathcal{L}(q, \theta) = \sum_n \sum_k q_{nk} \ln \phi_k \mathcal{N}(\cdot)
#    - \sum_n \sum_k q_{nk} \ln q_{nk}$ the second term does not depend on $\theta$, so this is exactly the maximisation of
#    $Q(\theta)$ of chapter 04. **The M-step raises the bound.** At the new $\theta^{(t)}$, $q$ is no longer the posterior,
#    so a gap opens again.
#
# Chaining the two together,
#
# $$
# \ln p(X \mid \theta^{(t-1)}) \overset{\text{E}}{=} \mathcal{L}(q^{(t)}, \theta^{(t-1)})
# \overset{\text{M}}{\le} \mathcal{L}(q^{(t)}, \theta^{(t)})
# \le \mathcal{L}(q^{(t)}, \theta^{(t)}) + \mathrm{KL}\bigl(q^{(t)} \,\|\, p(Z \mid X, \theta^{(t)})\bigr) = \ln p(X \mid \theta^{(t)}) ,
# $$
#
# so the log-likelihood cannot fall. We check this half-step by half-step on the textbook run (58 iterations).
# Before the first E-step there are no responsibilities yet, so the starting $q$ is uniform ($q_{nk} = 1/3$).
# After each half-step we record $\mathcal{L}$, the KL and $\ln p$.

# %% slide="subslide"
K = 3
q = np.full((len(X), K), 1 / K)  # half-step 0: theta^(0) and a uniform q
states = [(result.history[0], q)]
for t in range(1, result.n_iter + 1):
    q = gt.e_step(X, result.history[t - 1])[0]  # E-step of iteration t: q = responsibilities under theta^(t-1)
    states.append((result.history[t - 1], q))  # after the E-step: new q, old theta
    states.append((result.history[t], q))  # after the M-step: same q, new theta^(t)
bound = np.array([gt.lower_bound(X, p, q) for p, q in states])  # L after each half-step
gap = np.array([gt.kl_divergence(X, p, q) for p, q in states])  # KL after each half-step
log_lik = np.array([gt.log_likelihood(X, p) for p, _ in states])  # ln p(X | theta) after each half-step
print("half-steps recorded:", len(states))
print("ln p = L + KL at every half-step:", np.allclose(log_lik, bound + gap, rtol=0, atol=1e-8))
print("KL below 1e-9 after every E-step:", bool(np.all(np.abs(gap[1::2]) < 1e-9)))
print("every M-step raises L:", bool(np.all(bound[2::2] > bound[1::2])))
print("KL positive after every M-step:", bool(np.all(gap[2::2] > 0)))

# %% [markdown] slide="subslide"
# 初期値と 58 回の反復の 2 つの半ステップ、合わせて 117 の状態について、分解 $\ln p = \mathcal{L} + \mathrm{KL}$ が成り立ち、
# E ステップの後では KL が (丸め誤差を除いて) 0 であり、M ステップでは下界が必ず上がり、その後の KL は正である。
# 最初の数反復と、05 章で見たプラトーを抜ける反復 29 から 35 の 2 か所を拡大して描く。黒丸が対数尤度、青い四角が下界、
# その間の網掛けがギャップ (KL) である。

# %% [markdown] lang="en"
# For all 117 states (the initialisation and two half-steps for each of the 58 iterations), the decomposition
# $\ln p = \mathcal{L} + \mathrm{KL}$ holds; after every E-step the KL is 0 (up to rounding), every M-step raises the bound,
# and the KL after it is positive. We draw two stretches close up: the first few iterations, and iterations 29 to 35,
# where the run leaves the plateau we met in chapter 05. Black circles are the log-likelihood, blue squares the bound,
# and the shading between them is the gap (the KL).

# %%
def draw_half_steps(ax, first, last):
    steps = np.arange(0 if first == 1 else 2 * first - 2, 2 * last + 1)  # half-steps from the M-step before `first`
    labels = ["0" if s == 0 else f"{'E' if s % 2 else 'M'}{(s + 1) // 2}" for s in steps]
    ax.fill_between(steps, bound[steps], log_lik[steps], color="C3", alpha=0.25, label="gap KL")
    ax.plot(steps, log_lik[steps], "o-", color="black", label=r"$\ln p(X \mid \theta)$")
    ax.plot(steps, bound[steps], "s-", color="C0", label=r"$\mathcal{L}(q, \theta)$")
    ax.set_xticks(steps, labels, rotation=90)
    ax.set(xlabel="half-step (E$t$: after the E-step of iteration $t$, M$t$: after its M-step)", ylabel="value")


fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.4), layout="constrained")
draw_half_steps(ax1, 1, 6)
draw_half_steps(ax2, 29, 35)
ax1.set_title("Iterations 1-6: from a uniform $q$")
ax2.set_title("Iterations 29-35: leaving the plateau")
ax1.legend()
plt.show()

# %% [markdown] slide="subslide"
# どちらの図でも同じ 2 拍子が繰り返される。E ステップ (E$t$) では黒丸は動かず、青い四角だけが黒丸まで跳び上がって
# 網掛けが消える (ギャップが閉じる)。M ステップ (M$t$) では青い四角が上がり、黒丸はそれ以上に上がって、
# 両者の間にふたたび網掛けが現れる。黒丸は階段状に上がり続け、一度も下がらない。
#
# 左の図の最初の E ステップでは、一様な $q$ から負担率に替えるだけで下界が約 620 上がる (2 節の図の $s = 0$ と $s = 1$ の差)。
# 右の図では、プラトーを抜けるところで M ステップ後のギャップが大きくなり、反復 33 では 30 程度に達する。
# 成分 1 と成分 2 が左右のクラスタへ分かれていくとき、パラメータが大きく動いて負担率が大きく変わるので、
# 古い負担率 $q$ と新しいパラメータの事後分布との食い違い (KL) が大きくなるのである。

# %% [markdown] lang="en"
# Both panels repeat the same two-beat rhythm. In an E-step (E$t$) the black circle stays where it is, and only the blue
# square jumps up to it: the shading vanishes (the gap closes). In an M-step (M$t$) the blue square rises, the black circle
# rises even more, and shading appears between them again. The black circles climb like a staircase and never step down.
#
# In the left panel, the first E-step raises the bound by about 620 just by replacing the uniform $q$ with the
# responsibilities (the difference between $s = 0$ and $s = 1$ in the figure of Section 2). In the right panel, the gap after
# the M-step grows as the run leaves the plateau, reaching about 30 in iteration 33. As components 1 and 2 separate into
# the left and right clusters, the parameters move a lot and the responsibilities change a lot, so the mismatch (the KL)
# between the old responsibilities $q$ and the posterior under the new parameters is large.

# %% [markdown] slide="slide"
# ## 5. 対数尤度の増分はどこから来るか
#
# 反復 $t$ での対数尤度の増分は、上の不等式の列の 2 か所の差に分かれる。
#
# $$
# \ln p(X \mid \theta^{(t)}) - \ln p(X \mid \theta^{(t-1)})
# = \underbrace{\mathcal{L}(q^{(t)}, \theta^{(t)}) - \mathcal{L}(q^{(t)}, \theta^{(t-1)})}_{\text{M ステップでの下界の増分 (gain)}}
# + \underbrace{\mathrm{KL}\bigl(q^{(t)} \,\|\, p(Z \mid X, \theta^{(t)})\bigr)}_{\text{新しく開いたギャップ (gap)}}
# $$
#
# 両方とも 0 以上である。記録した配列から 2 つを取り出し、反復ごとに対数目盛で描く。

# %% [markdown] lang="en"
# ## 5. Where does the increase come from?
#
# The increase of the log-likelihood in iteration $t$ splits into the two differences in the chain above:
#
# $$
# \ln p(X \mid \theta^{(t)}) - \ln p(X \mid \theta^{(t-1)})
# = \underbrace{\mathcal{L}(q^{(t)}, \theta^{(t)}) - \mathcal{L}(q^{(t)}, \theta^{(t-1)})}_{\text{rise of the bound in the M-step (gain)}}
# + \underbrace{\mathrm{KL}\bigl(q^{(t)} \,\|\, p(Z \mid X, \theta^{(t)})\bigr)}_{\text{the gap that opens (gap)}} .
# $$
#
# Both are non-negative. We take the two from the arrays we recorded and plot them per iteration on a log scale.

# %%
gain = bound[2::2] - bound[1::2]  # (n_iter,) L after the M-step minus L after the E-step
new_gap = gap[2::2]  # (n_iter,) KL after the M-step
increase = log_lik[2::2] - log_lik[1::2]  # (n_iter,) ln p(theta^(t)) - ln p(theta^(t-1))
iterations = np.arange(1, result.n_iter + 1)
fig, ax = plt.subplots(figsize=(7.5, 4.2))
ax.semilogy(iterations, increase, "o-", color="black", markersize=3, label=r"increase of $\ln p$")
ax.semilogy(iterations, gain, "s-", color="C0", markersize=3, label=r"gain: rise of $\mathcal{L}$ in the M-step")
ax.semilogy(iterations, new_gap, "^-", color="C3", markersize=3, label="gap: KL after the M-step")
ax.set(title="Each increase = gain in the bound + the new gap", xlabel="Iteration $t$", ylabel="value (log scale)")
ax.legend()
plt.show()
print("increase = gain + gap in every iteration:", np.allclose(increase, gain + new_gap, rtol=0, atol=1e-8))
print(f"share of the gap in the increase: median {np.median(new_gap / increase):.2f}, "
      f"range {np.min(new_gap / increase):.2f}-{np.max(new_gap / increase):.2f}")

# %% [markdown] slide="subslide"
# 3 本の曲線はほぼ平行に動き、黒 (対数尤度の増分) はいつも青 (下界の増分) と赤 (ギャップ) の和である。
# 一様な $q$ から出発した反復 1 (0.04) を除くと、増分に占めるギャップの割合は 2 割から 6 割弱の間にあり、中央値は 0.43 である。
# 対数尤度の増分の半分近くは、M ステップが意図して押し上げた下界ではなく、押し上げた結果として
# 事後分布が動いたことによる「おまけ」なのである。
# 最後の 20 反復ほどでは 3 本とも対数目盛でほぼ直線に沿って減っていく。05 章で見た 1 次収束である。

# %% [markdown] lang="en"
# The three curves move almost in parallel, and the black one (the increase of the log-likelihood) is always the sum of the
# blue (the gain in the bound) and the red (the gap). Apart from iteration 1 (0.04), which started from the uniform $q$,
# the gap's share of the increase lies between about 20 % and 57 %, with a median of 0.43. Nearly half of each increase is
# not the rise of the bound that the M-step aims for, but a "bonus" that comes from the posterior moving in response. Over the last 20 or so iterations all three fall along nearly straight lines on the log scale: the linear
# convergence we saw in chapter 05.

# %% [markdown] slide="slide"
# ## 6. 単調性の使い道: 誤りの検出と一般化 EM
#
# 4 節の議論で M ステップに求めたのは $\mathcal{L}(q^{(t)}, \theta^{(t)}) \ge \mathcal{L}(q^{(t)}, \theta^{(t-1)})$ だけである。
# $\mathcal{L}$ を最大にする必要はなく、上げさえすれば対数尤度は減らない。このように M ステップを「下界を上げる」だけに
# 緩めたものを **一般化 EM** (generalized EM, GEM) という。一方、M ステップの式を誤ると下界が上がる保証はなくなる。
#
# 3 つの M ステップで 60 回ずつ反復し、対数尤度が減った反復を数える。
#
# - 正しい M ステップ (`gt.m_step`)
# - 混合係数を $\phi_k = 1/K$ に固定した M ステップ ($\phi$ だけは最大化しない。$\mu, \Sigma$ は正しく最大化する)
# - 共分散行列を $N_k$ ではなく $N_k - 1$ で割る M ステップ (04 章の演習 2 の誤り)

# %% [markdown] lang="en"
# ## 6. What monotonicity is good for: catching bugs, and generalised EM
#
# All that the argument of Section 4 asked of the M-step is $\mathcal{L}(q^{(t)}, \theta^{(t)}) \ge \mathcal{L}(q^{(t)}, \theta^{(t-1)})$.
# It need not maximise $\mathcal{L}$: as long as it raises the bound, the log-likelihood cannot fall. EM with the M-step
# relaxed to "raise the bound" is called **generalised EM** (GEM). On the other hand, an M-step with a wrong formula loses
# that guarantee.
#
# We run 60 iterations with each of three M-steps and count the iterations in which the log-likelihood fell:
#
# - the correct M-step (`gt.m_step`),
# - an M-step that keeps the weights at $\phi_k = 1/K$ (it does not maximise over $\phi$, but maximises correctly over $\mu, \Sigma$),
# - an M-step that divides the covariance matrices by $N_k - 1$ instead of $N_k$ (the mistake of chapter 04, exercise 2).

# %%
def m_step_fixed_phi(X, responsibilities):  # maximises over mu and Sigma only: generalised EM
    p = gt.m_step(X, responsibilities, reg_covar=0.0)
    return gt.GMMParams(np.full(p.K, 1 / p.K), p.mu, p.sigma)


def m_step_unbiased(X, responsibilities):  # a wrong M-step: N_k - 1 in the covariance matrices
    p = gt.m_step(X, responsibilities, reg_covar=0.0)
    N_k = responsibilities.sum(axis=0)
    return gt.GMMParams(p.phi, p.mu, p.sigma * (N_k / (N_k - 1))[:, None, None])


def log_likelihoods(m_step, n_iter=60):
    p, values = result.history[0], []
    for _ in range(n_iter):
        responsibilities, ll = gt.e_step(X, p)  # E-step; ll = ln p(X | p)
        values.append(ll)
        p = m_step(X, responsibilities)
    return np.array(values)


lines = []
for name, step in [("correct", lambda X, r: gt.m_step(X, r, reg_covar=0.0)), ("phi fixed", m_step_fixed_phi),
                   ("N_k - 1", m_step_unbiased)]:
    values = log_likelihoods(step)
    change = np.diff(values)
    falls = np.flatnonzero(change < 0) + 1  # iterations (from 1) whose M-step lowered the log-likelihood
    first = f", the first in iteration {falls[0]} by {change[falls[0] - 1]:.1e}" if len(falls) else ""
    lines.append(f"{name:9s}: last log-likelihood {values[-1]:.2f}, falls in {len(falls)} iterations{first}")
print("\n".join(lines))

# %% [markdown] slide="subslide"
# 正しい M ステップと $\phi$ を固定した M ステップでは、対数尤度は一度も減らない。後者は $\phi$ については何もしないが、
# $\mu$ と $\Sigma$ について下界を最大化するので下界は上がり、GEM の条件を満たしている (行き着く先は $\phi$ を固定した
# モデルの極大点であり、60 回の反復の後の対数尤度 $-3942.52$ は正しい EM の $-3936.64$ より低い)。$N_k - 1$ で割る
# M ステップでは、反復 54 から終盤の 6 回で対数尤度が減る。減り方は $10^{-5}$ 程度とごく小さく、対数尤度の曲線を眺めても気づかないが、「減った」という事実は誤りの確かな証拠である。
# 自分で EM を実装したら、対数尤度の差分 `np.diff` が負にならないことを確かめるとよい (05 章の演習の採点関数もこれを手がかりにしている)。
#
# 単調性が保証するのは「減らない」ことだけである。05 章で見たように、行き着く先が最大値である保証はない (局所最適解)。
# さらに、対数尤度には上限があるとも限らない。下界を押し上げ続ける階段が、どこまでも上っていける場合がある。
# これが次の章の話題である。

# %% [markdown] lang="en"
# With the correct M-step and with the one that keeps $\phi$ fixed, the log-likelihood never falls. The latter does nothing
# about $\phi$, but it maximises the bound over $\mu$ and $\Sigma$, so the bound rises and the GEM condition holds (it ends at
# a maximum of the model with $\phi$ fixed: after 60 iterations its log-likelihood, $-3942.52$, is below the $-3936.64$ of
# correct EM). With the M-step that divides by $N_k - 1$, the log-likelihood falls in 6 iterations near the end, from
# iteration 54 on. The falls are tiny, of order $10^{-5}$, and invisible on a plot of the
# log-likelihood, but the fact that it fell at all is sure evidence of a bug. Whenever you implement EM yourself, check
# that `np.diff` of the log-likelihoods is never negative (the checker of chapter 05's exercise uses this clue too).
#
# Monotonicity guarantees only "never falls". As chapter 05 showed, there is no guarantee that EM ends at the maximum
# (local optima). Nor is the log-likelihood necessarily bounded above: the staircase that keeps pushing the bound up may
# be able to climb forever. That is the subject of the next chapter.

# %% [markdown] slide="slide"
# ## まとめ
#
# - 対数は凹関数なので、重み付き平均について $\ln \sum_k q_k r_k \ge \sum_k q_k \ln r_k$ (イェンセンの不等式) が成り立つ。
#   等号は $r_k$ がすべて等しいときに限る。
# - 任意の分布 $q$ について $\mathcal{L}(q, \theta) = \sum_n \sum_k q_{nk} \ln \bigl(\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k) / q_{nk}\bigr)$
#   は対数尤度の下界であり、正確には $\ln p(X \mid \theta) = \mathcal{L}(q, \theta) + \mathrm{KL}(q \,\|\, p(Z \mid X, \theta))$ が成り立つ。
#   ギャップは $q$ と事後分布 (負担率) の KL ダイバージェンスである。
# - E ステップは $q$ を負担率にして KL を 0 にし (ギャップを閉じ)、M ステップは $q$ を固定して $\mathcal{L}$ を $\theta$ について
#   最大化する (下界を押し上げる)。EM は $\mathcal{L}$ の座標上昇法であり、対数尤度は減らない。
# - 教科書の実行では、117 の半ステップすべてで分解が成り立ち、対数尤度の各増分は「下界の増分」と「新しいギャップ」の和で、
#   ギャップがその中央値で 43 % を占める。
# - M ステップは下界を上げさえすればよい (一般化 EM)。逆に、対数尤度が一度でも減れば実装に誤りがある。
#   ただし単調性は、最大値への到達も、対数尤度が有界であることも保証しない。

# %% [markdown] lang="en"
# ## Summary
#
# - The logarithm is concave, so for weighted averages $\ln \sum_k q_k r_k \ge \sum_k q_k \ln r_k$ (Jensen's inequality),
#   with equality only when all the $r_k$ are equal.
# - For any distribution $q$, $\mathcal{L}(q, \theta) = \sum_n \sum_k q_{nk} \ln \bigl(\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k) / q_{nk}\bigr)$
#   is a lower bound on the log-likelihood; exactly, $\ln p(X \mid \theta) = \mathcal{L}(q, \theta) + \mathrm{KL}(q \,\|\, p(Z \mid X, \theta))$.
#   The gap is the KL divergence between $q$ and the posterior (the responsibilities).
# - The E-step sets $q$ to the responsibilities and makes the KL 0 (closes the gap); the M-step holds $q$ fixed and
#   maximises $\mathcal{L}$ over $\theta$ (raises the bound). EM is coordinate ascent on $\mathcal{L}$, and the
#   log-likelihood never falls.
# - On the textbook run the decomposition holds at all 117 half-steps, and every increase of the log-likelihood is
#   "the gain in the bound" plus "the new gap", the gap making up a median 43 % of it.
# - The M-step only has to raise the bound (generalised EM). Conversely, if the log-likelihood ever falls, the
#   implementation has a bug. Monotonicity guarantees neither reaching the maximum nor a bounded log-likelihood.

# %% [markdown] slide="slide"
# ## 演習
#
# 採点関数は、これまでの章と同じく `gt.checks` にある。

# %% [markdown] lang="en"
# ## Exercises
#
# The checkers are in `gt.checks`, as in the earlier chapters.

# %% [markdown]
# ### 演習 1: 下界を計算する関数
#
# データ `X` (形 $(N, D)$)、混合係数 `phi` $(K,)$、平均 `mu` $(K, D)$、共分散行列 `sigma` $(K, D, D)$、分布 `q` (形 $(N, K)$、各行の和は 1) を受け取り、
# 下界 $\mathcal{L}(q, \theta) = \sum_n \sum_k q_{nk} [\ln \phi_k + \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k) - \ln q_{nk}]$ を
# 1 つの数として返す関数 `lower_bound(X, phi, mu, sigma, q)` を書け。
# 採点関数は最後に、各点を 1 つの成分に決め打ちした「硬い」$q$ (要素に 0 を含む) でも試す。
# $q_{nk} = 0$ の項は、極限 $\lim_{q \to 0} q \ln q = 0$ に合わせて 0 と数えること (そうしないと $0 \cdot (-\infty)$ で NaN になる)。

# %% [markdown] lang="en"
# ### Exercise 1: a function for the lower bound
#
# Write a function `lower_bound(X, phi, mu, sigma, q)` that takes the data `X` (shape $(N, D)$), the weights `phi` $(K,)$, the
# means `mu` $(K, D)$, the covariance matrices `sigma` $(K, D, D)$ and a distribution `q` (shape $(N, K)$, rows summing to 1),
# and returns the bound $\mathcal{L}(q, \theta) = \sum_n \sum_k q_{nk} [\ln \phi_k + \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k) - \ln q_{nk}]$
# as a single number. At the end, the checker also tries a "hard" $q$ that assigns each point to one component (entries
# of 0). Count the terms with $q_{nk} = 0$ as 0, following the limit $\lim_{q \to 0} q \ln q = 0$ (otherwise
# $0 \cdot (-\infty)$ gives NaN).

# %% slide="skip"
def lower_bound(X, phi, mu, sigma, q):
    """L(q, theta) = sum_n sum_k q_nk [ln phi_k + ln N(x_n | mu_k, sigma_k) - ln q_nk], one number; 0 ln 0 = 0."""
    # TODO: a = ln phi_k + ln N(x_n | mu_k, sigma_k), shape (n, K); then the sum, with q ln q = 0 where q = 0
    return None


# %% slide="skip"
gt.checks.check_lower_bound(lower_bound)

# %% [markdown]
# ### 演習 2: 増分を下界の増分とギャップに分ける
#
# 2 組のパラメータ `old` と `new` (どちらも `gt.GMMParams`) とデータ `X` を受け取り、5 節の 2 つの量
#
# - gain $= \mathcal{L}(q, \theta^{\text{new}}) - \mathcal{L}(q, \theta^{\text{old}})$
# - gap $= \mathrm{KL}(q \,\|\, p(Z \mid X, \theta^{\text{new}}))$
#
# を組 `(gain, gap)` で返す関数 `increase_parts(X, old, new)` を書け。ここで $q$ は `old` のもとでの負担率 (E ステップの結果) である。
# `gt.e_step`、`gt.lower_bound`、`gt.kl_divergence` を使ってよい。採点関数の 3 つ目のケースでは `new` が M ステップの結果ではなく、
# gain が負になる。それでも gain + gap は対数尤度の差に等しい。

# %% [markdown] lang="en"
# ### Exercise 2: split the increase into the gain in the bound and the gap
#
# Write a function `increase_parts(X, old, new)` that takes the data `X` and two parameter sets `old` and `new` (both
# `gt.GMMParams`) and returns the two quantities of Section 5 as a pair `(gain, gap)`:
#
# - gain $= \mathcal{L}(q, \theta^{\text{new}}) - \mathcal{L}(q, \theta^{\text{old}})$,
# - gap $= \mathrm{KL}(q \,\|\, p(Z \mid X, \theta^{\text{new}}))$,
#
# where $q$ is the responsibilities under `old` (the result of the E-step). You may use `gt.e_step`, `gt.lower_bound`
# and `gt.kl_divergence`. In the checker's third case, `new` is not the result of an M-step and the gain is negative;
# gain + gap still equals the difference of the log-likelihoods.

# %% slide="skip"
def increase_parts(X, old, new):
    """(gain, gap): L(q, new) - L(q, old) and KL(q || p(Z | X, new)), with q the responsibilities under old."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_increase_parts(increase_parts)

# %% [markdown] tags=["solution-note"] slide="skip"
# ### 解答例
#
# 次の 2 つのセルは解答例である (折りたたまれている。クリックすると開く)。自分で解いてから開くこと。

# %% [markdown] lang="en" tags=["solution-note"]
# ### Worked solutions
#
# The next two cells are worked solutions (collapsed: click to open them). Try the exercises yourself first.

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/07_why_em_works.py#lower_bound

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/07_why_em_works.py#increase_parts

# %% [markdown] tags=["solution-note"] slide="skip"
# 演習 1 の解答では、`np.where` を 2 重に使っている。内側の `np.where(q > 0, q, 1.0)` は $\ln 0$ を計算しないための置き換え
# ($\ln 1 = 0$) であり、外側で $q = 0$ の項を 0 にする。硬い $q$ では $-\sum q \ln q = 0$ なので、下界は
# $\sum_n \ln \phi_{z_n} \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_{z_n}, \Sigma_{z_n})$ (各点を割り当てた成分だけで数えた対数尤度) になる。
# 次の章で見る k-means は、この硬い $q$ の世界の EM である。

# %% [markdown] lang="en" tags=["solution-note"]
# The solution to exercise 1 uses `np.where` twice. The inner `np.where(q > 0, q, 1.0)` avoids computing $\ln 0$ (it uses
# $\ln 1 = 0$ instead), and the outer one sets the terms with $q = 0$ to 0. For a hard $q$, $-\sum q \ln q = 0$, so the bound
# becomes $\sum_n \ln \phi_{z_n} \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_{z_n}, \Sigma_{z_n})$, the log-likelihood with each point
# counted under its assigned component only. k-means, which we meet in the next chapter, is EM in this world of hard $q$.

# %% [markdown] slide="subslide"
# 次は [08 EM がうまくいかないとき](08_where_em_fails.ipynb) である。局所最適解、尤度の発散 (特異点)、ラベルの入れ替わり、
# そして k-means との関係を調べる。

# %% [markdown] lang="en"
# Next is [08 Where EM fails](08_where_em_fails.ipynb): local optima, a likelihood that diverges (singularities), label
# switching, and the link to k-means.
