# %% [markdown] slide="slide"
# # 03 E ステップ ── ベイズの定理で負担率を求める
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/03_e_step.ipynb) (インストール不要。Google アカウントで実行できる)
#
# EM アルゴリズムの E ステップは、現在のパラメータ $\theta = (\phi, \mu, \Sigma)$ のもとで、
# 各データ点がどの成分から生じたかの確率 (**負担率**) を計算する段階である。
# この章では負担率の式をベイズの定理から導き、手で計算できる小さな例でたどってから、教科書のコードと同じ数行で実装する。
# 次に、その素直な実装が遠く離れた 1 点のために NaN を出すことを確かめ、
# **log-sum-exp** という計算法でこれを防ぐ。
#
# **この章で学ぶこと**
# - 負担率 $\gamma_{nk}$ を、事前確率 $p(z_n = k) = \phi_k$ と尤度 $p(\mathbf{x}_n \mid z_n = k)$ からベイズの定理で導くこと
# - 数直線上の 5 点と 2 つの成分からなる小さな例で、負担率 (と、04 章の予告として M ステップ 1 回) を手で計算すること
# - E ステップを数行で書き、`gt.e_step` と照合すること
# - 負担率を図で読むこと (色の混ざり方、$\max_k \gamma_{nk}$ のヒストグラム)
# - 密度のアンダーフローで $0/0 = \mathrm{NaN}$ が生じる仕組みと、log-sum-exp によるその回避
# - 対数尤度が E ステップの副産物として得られること
#
# **前提**: [01 データ生成](01_data_generation.ipynb) (生成モデルとしての GMM、潜在変数 $z_n$)、
# [02 ガウス分布の確率密度](02_gaussian_pdf.ipynb) (多変量正規分布の密度 $\mathcal{N}$ と、それを対数で計算する `gt.log_pdf`)、
# 確率の基礎 (条件付き確率、周辺化、ベイズの定理)。

# %% [markdown] lang="en"
# # 03 The E-step: responsibilities from Bayes' theorem
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/03_e_step.ipynb) (nothing to install; runs with a Google account)
#
# The E-step of the EM algorithm is the stage that computes, under the current parameters $\theta = (\phi, \mu, \Sigma)$,
# the probability that each data point came from each component (the **responsibilities**).
# In this chapter we derive the formula of the responsibilities from Bayes' theorem, work through a small example by hand, and implement it in the same few lines as the textbook's code.
# We then see that this straightforward implementation produces NaN because of a single far-away point,
# and prevent that with a computational technique called **log-sum-exp**.
#
# **What you will learn**
# - to derive the responsibilities $\gamma_{nk}$ by Bayes' theorem from the prior $p(z_n = k) = \phi_k$ and the likelihood $p(\mathbf{x}_n \mid z_n = k)$
# - to compute responsibilities by hand (and, as a preview of chapter 04, one M-step) on a small example: five points on a line and two components
# - to write the E-step in a few lines and check it against `gt.e_step`
# - to read responsibilities in figures (how the colours mix, the histogram of $\max_k \gamma_{nk}$)
# - how an underflowing density produces $0/0 = \mathrm{NaN}$, and how log-sum-exp avoids it
# - that the log-likelihood comes out of the E-step as a by-product
#
# **Prerequisites**: [01 Data generation](01_data_generation.ipynb) (the GMM as a generative model, the latent variable $z_n$),
# [02 The Gaussian density](02_gaussian_pdf.ipynb) (the multivariate normal density $\mathcal{N}$, and `gt.log_pdf`, which computes it in logarithms),
# and basic probability (conditional probability, marginalisation, Bayes' theorem).

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
# ## 1. 負担率をベイズの定理から導く
#
# 01 章で見たとおり、GMM は次の 2 段階でデータ点 $\mathbf{x}_n$ を生成するモデルである。
#
# 1. 成分の番号 $z_n$ を確率 $p(z_n = k) = \phi_k$ で選ぶ。
# 2. 選んだ成分のガウス分布から点を引く: $p(\mathbf{x}_n \mid z_n = k) = \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$。
#
# 観測されるのは $\mathbf{x}_n$ だけで、$z_n$ は観測されない (潜在変数)。
# E ステップで求めるのは、点 $\mathbf{x}_n$ を見たあとで「この点は成分 $k$ から生じた」と考えられる確率、
# すなわち事後確率 $p(z_n = k \mid \mathbf{x}_n)$ である。ベイズの定理より
#
# $$
# p(z_n = k \mid \mathbf{x}_n) = \frac{p(z_n = k)\, p(\mathbf{x}_n \mid z_n = k)}{p(\mathbf{x}_n)}
# $$
#
# であり、分母は $z_n$ について周辺化すれば
# $p(\mathbf{x}_n) = \sum_{j=1}^{K} p(z_n = j)\, p(\mathbf{x}_n \mid z_n = j) = \sum_{j=1}^{K} \phi_j \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_j, \Sigma_j)$
# となる。以上をまとめると
#
# $$
# \gamma_{nk} \equiv p(z_n = k \mid \mathbf{x}_n)
# = \frac{\phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{\sum_{j=1}^{K} \phi_j \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_j, \Sigma_j)}
# $$
#
# を得る。$\gamma_{nk}$ を成分 $k$ の点 $n$ に対する **負担率** (responsibility) と呼ぶ。
# 分子は「成分 $k$ が選ばれ、かつその成分が $\mathbf{x}_n$ を生む」確率 (密度) であり、
# 分母はそれを $k$ について足し合わせたもの、すなわち各行の和を 1 にするための正規化定数にすぎない。
# したがって $0 \le \gamma_{nk} \le 1$、$\sum_{k} \gamma_{nk} = 1$ が成り立つ。
# 負担率は、各点を 1 つの成分に決め打ちする代わりに $K$ 個の成分へ確率で按分する、いわば「柔らかい割り当て」である。

# %% [markdown] lang="en"
# ## 1. Deriving the responsibilities from Bayes' theorem
#
# As we saw in chapter 01, a GMM is a model that generates each data point $\mathbf{x}_n$ in two stages:
#
# 1. Pick the component number $z_n$ with probability $p(z_n = k) = \phi_k$.
# 2. Draw a point from the chosen component's Gaussian: $p(\mathbf{x}_n \mid z_n = k) = \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$.
#
# Only $\mathbf{x}_n$ is observed; $z_n$ is not (it is a latent variable).
# What the E-step computes is the probability, after seeing the point $\mathbf{x}_n$, that "this point came from component $k$",
# that is, the posterior probability $p(z_n = k \mid \mathbf{x}_n)$. By Bayes' theorem,
#
# $$
# p(z_n = k \mid \mathbf{x}_n) = \frac{p(z_n = k)\, p(\mathbf{x}_n \mid z_n = k)}{p(\mathbf{x}_n)}
# $$
#
# and, marginalising over $z_n$, the denominator is
# $p(\mathbf{x}_n) = \sum_{j=1}^{K} p(z_n = j)\, p(\mathbf{x}_n \mid z_n = j) = \sum_{j=1}^{K} \phi_j \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_j, \Sigma_j)$.
# Putting everything together, we obtain
#
# $$
# \gamma_{nk} \equiv p(z_n = k \mid \mathbf{x}_n)
# = \frac{\phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{\sum_{j=1}^{K} \phi_j \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_j, \Sigma_j)}
# $$
#
# $\gamma_{nk}$ is called the **responsibility** of component $k$ for point $n$.
# The numerator is the probability (density) that "component $k$ is chosen and generates $\mathbf{x}_n$";
# the denominator is just its sum over $k$, the normalising constant that makes each row sum to 1.
# Hence $0 \le \gamma_{nk} \le 1$ and $\sum_{k} \gamma_{nk} = 1$.
# Instead of committing each point to a single component, the responsibilities share it out among the $K$ components according to probability: a "soft assignment", so to speak.

# %% [markdown] slide="slide"
# ## 2. 手で計算できる小さな例
#
# 式を 1000 点のデータに当てはめる前に、鉛筆と指数関数の表だけで計算できる小さな例で E ステップを 1 回たどる。
# データは数直線上の 5 点 $x_1, \dots, x_5 = -1, 0, 2, 3, 4$ ($D = 1$)、成分は 2 つ ($K = 2$) とし、パラメータを
# $\phi_1 = \phi_2 = 1/2$、$\mu_1 = 0$、$\mu_2 = 2$、$\sigma_1^2 = \sigma_2^2 = 1$ とする
# (1 次元では共分散行列 $\Sigma_k$ は分散 $\sigma_k^2$ という 1 つの数になる)。
# 1 次元の正規分布の密度は $\mathcal{N}(x \mid \mu, \sigma^2) = \frac{1}{\sqrt{2\pi\sigma^2}} \exp\bigl(-\frac{(x - \mu)^2}{2\sigma^2}\bigr)$ である。
# 混合係数も分散も 2 つの成分で等しいので、負担率の分子と分母に共通の因子 $\frac{1}{2} \cdot \frac{1}{\sqrt{2\pi}}$ は約分され、
#
# $$
# \gamma_{n1} = \frac{e^{-(x_n - 0)^2/2}}{e^{-(x_n - 0)^2/2} + e^{-(x_n - 2)^2/2}}
# = \frac{1}{1 + e^{(x_n^2 - (x_n - 2)^2)/2}} = \frac{1}{1 + e^{2x_n - 2}}, \qquad \gamma_{n2} = 1 - \gamma_{n1}
# $$
#
# が残る。たとえば $x_2 = 0$ では $\gamma_{21} = 1/(1 + e^{-2}) = 1/(1 + 0.135) = 0.881$ である。

# %% [markdown] lang="en"
# ## 2. A small example to do by hand
#
# Before we apply the formula to 1000 points, let us go through one E-step on an example small enough for a pencil and a table of $e^x$.
# The data are five points on the number line, $x_1, \dots, x_5 = -1, 0, 2, 3, 4$ ($D = 1$), there are two components ($K = 2$), and the parameters are
# $\phi_1 = \phi_2 = 1/2$, $\mu_1 = 0$, $\mu_2 = 2$ and $\sigma_1^2 = \sigma_2^2 = 1$
# (in one dimension the covariance matrix $\Sigma_k$ is a single number, the variance $\sigma_k^2$).
# The one-dimensional normal density is $\mathcal{N}(x \mid \mu, \sigma^2) = \frac{1}{\sqrt{2\pi\sigma^2}} \exp\bigl(-\frac{(x - \mu)^2}{2\sigma^2}\bigr)$.
# Both components have the same mixing coefficient and the same variance, so the factor $\frac{1}{2} \cdot \frac{1}{\sqrt{2\pi}}$, common to the numerator and the denominator, cancels and leaves
#
# $$
# \gamma_{n1} = \frac{e^{-(x_n - 0)^2/2}}{e^{-(x_n - 0)^2/2} + e^{-(x_n - 2)^2/2}}
# = \frac{1}{1 + e^{(x_n^2 - (x_n - 2)^2)/2}} = \frac{1}{1 + e^{2x_n - 2}}, \qquad \gamma_{n2} = 1 - \gamma_{n1}
# $$
#
# For example, at $x_2 = 0$ we get $\gamma_{21} = 1/(1 + e^{-2}) = 1/(1 + 0.135) = 0.881$.

# %% [markdown] slide="subslide"
# 5 点すべてについて計算すると次の表になる (小数第 3 位に丸めた)。
#
# | $n$ | $x_n$ | $2x_n - 2$ | $\gamma_{n1} = 1/(1 + e^{2x_n - 2})$ | $\gamma_{n2} = 1 - \gamma_{n1}$ |
# |---|---|---|---|---|
# | 1 | $-1$ | $-4$ | $1/(1 + 0.018) = 0.982$ | $0.018$ |
# | 2 | $0$ | $-2$ | $1/(1 + 0.135) = 0.881$ | $0.119$ |
# | 3 | $2$ | $2$ | $1/(1 + 7.39) = 0.119$ | $0.881$ |
# | 4 | $3$ | $4$ | $1/(1 + 54.6) = 0.018$ | $0.982$ |
# | 5 | $4$ | $6$ | $1/(1 + 403) = 0.002$ | $0.998$ |
#
# 2 つの平均の中点 $x = 1$ では $2x - 2 = 0$ となり、負担率はちょうど $1/2$ ずつになる。
# 中点から 1 離れるごとに指数が 2 ずつ変わるので、負担率は中点から遠ざかるにつれて急速に 0 か 1 に近づく。
# 同じ計算を numpy で行い、`gt.e_step` と比べる (1 次元のデータは $D = 1$ の形 $(5, 1)$ として渡す)。

# %% [markdown] lang="en"
# Doing this for all five points gives the following table (rounded to three decimals).
#
# | $n$ | $x_n$ | $2x_n - 2$ | $\gamma_{n1} = 1/(1 + e^{2x_n - 2})$ | $\gamma_{n2} = 1 - \gamma_{n1}$ |
# |---|---|---|---|---|
# | 1 | $-1$ | $-4$ | $1/(1 + 0.018) = 0.982$ | $0.018$ |
# | 2 | $0$ | $-2$ | $1/(1 + 0.135) = 0.881$ | $0.119$ |
# | 3 | $2$ | $2$ | $1/(1 + 7.39) = 0.119$ | $0.881$ |
# | 4 | $3$ | $4$ | $1/(1 + 54.6) = 0.018$ | $0.982$ |
# | 5 | $4$ | $6$ | $1/(1 + 403) = 0.002$ | $0.998$ |
#
# At $x = 1$, halfway between the two means, $2x - 2 = 0$ and the responsibilities are exactly $1/2$ each.
# Each step of 1 away from the midpoint changes the exponent by 2, so the responsibilities approach 0 or 1 quickly as we move away from it.
# Let us do the same computation in numpy and compare it with `gt.e_step` (one-dimensional data go in as $D = 1$, with shape $(5, 1)$).

# %% slide="subslide"
x = np.array([-1.0, 0.0, 2.0, 3.0, 4.0])  # the hand example: five points, K = 2
phi, mu, var = np.array([0.5, 0.5]), np.array([0.0, 2.0]), np.array([1.0, 1.0])
density = np.exp(-(x[:, None] - mu) ** 2 / (2 * var)) / np.sqrt(2 * np.pi * var)  # (5, 2) N(x_n | mu_k, var_k)
responsibilities = phi * density / (phi * density).sum(axis=1, keepdims=True)
print("responsibilities (columns: component 0, 1):\n", np.round(responsibilities, 3))

params_hand = gt.GMMParams(phi, mu[:, None], var[:, None, None])  # d = 1: mu (2, 1), sigma (2, 1, 1)
print("np.allclose(responsibilities, gt.e_step):", np.allclose(responsibilities, gt.e_step(x[:, None], params_hand)[0]))

# %% [markdown] slide="subslide"
# 表と同じ数が得られ、パッケージとも一致した (列 0 が式の $k = 1$、列 1 が $k = 2$ である)。
# 04 章の予告として、この負担率から M ステップも 1 回手で計算しておく。式の導出は 04 章で行うので、ここでは
# $N_k = \sum_n \gamma_{nk}$ を「成分 $k$ が引き受けた点の数」、$\phi_k = N_k / N$ をその割合、
# $\mu_k = \frac{1}{N_k} \sum_n \gamma_{nk} x_n$ と $\sigma_k^2 = \frac{1}{N_k} \sum_n \gamma_{nk} (x_n - \mu_k)^2$ を
# 各点を負担率で重み付けした平均と分散と読んでおけばよい。表の数を代入すると
#
# $$
# \begin{aligned}
# N_1 &= 0.982 + 0.881 + 0.119 + 0.018 + 0.002 = 2.002, \qquad N_2 = 5 - N_1 = 2.998, \\
# \phi_1 &= 2.002 / 5 = 0.40, \qquad \phi_2 = 2.998 / 5 = 0.60, \\
# \mu_1 &= \bigl(0.982 \cdot (-1) + 0.881 \cdot 0 + 0.119 \cdot 2 + 0.018 \cdot 3 + 0.002 \cdot 4\bigr) / 2.002 = -0.682 / 2.002 = -0.34, \\
# \mu_2 &= \bigl(0.018 \cdot (-1) + 0.119 \cdot 0 + 0.881 \cdot 2 + 0.982 \cdot 3 + 0.998 \cdot 4\bigr) / 2.998 = 8.682 / 2.998 = 2.90, \\
# \sigma_1^2 &= \bigl(0.982 \cdot 0.66^2 + 0.881 \cdot 0.34^2 + 0.119 \cdot 2.34^2 + 0.018 \cdot 3.34^2 + 0.002 \cdot 4.34^2\bigr) / 2.002 = 1.420 / 2.002 = 0.71, \\
# \sigma_2^2 &= \bigl(0.018 \cdot 3.9^2 + 0.119 \cdot 2.9^2 + 0.881 \cdot 0.9^2 + 0.982 \cdot 0.1^2 + 0.998 \cdot 1.1^2\bigr) / 2.998 = 3.206 / 2.998 = 1.07
# \end{aligned}
# $$
#
# となる。

# %% [markdown] lang="en"
# We get the numbers of the table, and they agree with the package (column 0 is the formulas' $k = 1$, column 1 is $k = 2$).
# As a preview of chapter 04, let us also do one M-step by hand from these responsibilities. Chapter 04 derives the formulas; for now read
# $N_k = \sum_n \gamma_{nk}$ as "the number of points component $k$ has taken on", $\phi_k = N_k / N$ as its share of the points, and
# $\mu_k = \frac{1}{N_k} \sum_n \gamma_{nk} x_n$ and $\sigma_k^2 = \frac{1}{N_k} \sum_n \gamma_{nk} (x_n - \mu_k)^2$
# as a mean and a variance in which each point is weighted by its responsibility. Substituting the numbers of the table gives
#
# $$
# \begin{aligned}
# N_1 &= 0.982 + 0.881 + 0.119 + 0.018 + 0.002 = 2.002, \qquad N_2 = 5 - N_1 = 2.998, \\
# \phi_1 &= 2.002 / 5 = 0.40, \qquad \phi_2 = 2.998 / 5 = 0.60, \\
# \mu_1 &= \bigl(0.982 \cdot (-1) + 0.881 \cdot 0 + 0.119 \cdot 2 + 0.018 \cdot 3 + 0.002 \cdot 4\bigr) / 2.002 = -0.682 / 2.002 = -0.34, \\
# \mu_2 &= \bigl(0.018 \cdot (-1) + 0.119 \cdot 0 + 0.881 \cdot 2 + 0.982 \cdot 3 + 0.998 \cdot 4\bigr) / 2.998 = 8.682 / 2.998 = 2.90, \\
# \sigma_1^2 &= \bigl(0.982 \cdot 0.66^2 + 0.881 \cdot 0.34^2 + 0.119 \cdot 2.34^2 + 0.018 \cdot 3.34^2 + 0.002 \cdot 4.34^2\bigr) / 2.002 = 1.420 / 2.002 = 0.71, \\
# \sigma_2^2 &= \bigl(0.018 \cdot 3.9^2 + 0.119 \cdot 2.9^2 + 0.881 \cdot 0.9^2 + 0.982 \cdot 0.1^2 + 0.998 \cdot 1.1^2\bigr) / 2.998 = 3.206 / 2.998 = 1.07.
# \end{aligned}
# $$

# %% slide="subslide"
N_k = responsibilities.sum(axis=0)  # (2,) the M-step of chapter 04, in one dimension
phi_new = N_k / len(x)
mu_new = (responsibilities * x[:, None]).sum(axis=0) / N_k
var_new = (responsibilities * (x[:, None] - mu_new) ** 2).sum(axis=0) / N_k
print("N_k =", np.round(N_k, 3), " phi =", np.round(phi_new, 3), " mu =", np.round(mu_new, 3), " var =", np.round(var_new, 3))

params_new = gt.m_step(x[:, None], responsibilities, reg_covar=0.0)
print("np.allclose with gt.m_step:", np.allclose(phi_new, params_new.phi) and np.allclose(mu_new, params_new.mu[:, 0])
      and np.allclose(var_new, params_new.sigma[:, 0, 0]))

# %% [markdown] slide="subslide"
# 手計算とは小数第 2 位まで一致する (第 3 位の違いは、表で負担率を丸めたためである)。
# 下の図は、左が最初のパラメータ、右が M ステップ 1 回の後の密度である。破線は重み付きの成分 $\phi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)$、
# 黒い実線はその和 $p(x)$、数直線上の 5 点は負担率で 2 色を混ぜた色で塗ってある。

# %% [markdown] lang="en"
# These agree with the hand computation to two decimals (the third decimal differs because the table rounded the responsibilities).
# In the figure below, the left panel shows the densities under the first parameters and the right panel those after one M-step. The dashed curves are the weighted components $\phi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)$,
# the solid black curve their sum $p(x)$, and the five points on the number line are painted in the two colours mixed according to their responsibilities.

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
for ax, p, title in [(axes[0], params_hand, "Initial parameters"), (axes[1], params_new, "After one M-step")]:
    gt.plot.draw_density_1d(ax, p, x=np.linspace(-3, 6, 400), title=title)
    ax.scatter(x, np.zeros_like(x), s=80, c=gt.plot.mix_colors(responsibilities), edgecolors="black", zorder=3, clip_on=False)
    ax.set_ylim(0, 0.34)  # room for the legend above the curves
plt.show()

# %% [markdown] slide="subslide"
# 左の図で、負担率は各点の真上での 2 本の破線の高さの比である。$x = 0$ では青の破線が $0.5 \times 0.399 = 0.199$、
# 橙の破線が $0.5 \times 0.054 = 0.027$ の高さにあり、$0.199 / (0.199 + 0.027) = 0.881$ が表の $\gamma_{21}$ である。
# 右の図では、5 点のうち 3 点が右側にあるので橙の成分の混合係数 $\phi_2$ が 0.60 に増え、その平均 $\mu_2$ は $2, 3, 4$ の平均 3 に近い 2.90 へ、
# 青の成分の平均 $\mu_1$ は $-1$ と $0$ の平均 $-0.5$ に近い $-0.34$ へ移った。ちょうど $-0.5$ と 3 にならないのは、
# 青の成分が $x_3 = 2$ の点をなお 0.119 だけ引き受けているように、割り当てが柔らかいからである。
# 青の成分の分散 $\sigma_1^2$ は、引き受けた 2 点が近いので 0.71 に縮んだ。以下では同じ計算を 2 次元の 1000 点で行う。

# %% [markdown] lang="en"
# In the left panel, the responsibilities are the ratio of the heights of the two dashed curves directly above each point. At $x = 0$ the blue dashed curve is at height $0.5 \times 0.399 = 0.199$
# and the orange one at $0.5 \times 0.054 = 0.027$, and $0.199 / (0.199 + 0.027) = 0.881$ is $\gamma_{21}$ of the table.
# In the right panel, three of the five points lie on the right, so the mixing coefficient $\phi_2$ of the orange component has grown to 0.60, and its mean $\mu_2$ has moved to 2.90, close to 3, the mean of $2, 3, 4$;
# the mean $\mu_1$ of the blue component has moved to $-0.34$, close to $-0.5$, the mean of $-1$ and $0$. They do not land exactly on $-0.5$ and 3
# because the assignment is soft: the blue component, for example, still takes 0.119 of the point $x_3 = 2$.
# The variance $\sigma_1^2$ of the blue component has shrunk to 0.71, because the two points it has taken on are close together. From here on we do the same computation on 1000 points in two dimensions.

# %% [markdown] slide="slide"
# ## 3. データと初期パラメータ
#
# 教科書の章と同じデータ (1000 点、3 つのクラスタ) と同じ初期値を用いる。教科書のコードの初期値は、
# 混合係数を一様 ($\phi_k = 1/3$)、平均をデータから無作為に選んだ 3 点、共分散行列をすべてデータ全体の共分散行列とするものであった。
# `gt.init_params(X, 3, init="textbook", seed=11, reg_covar=0.0)` はこれを乱数の系列まで含めて再現する
# (`reg_covar=0.0` は共分散行列の対角に何も足さないという指定である。`reg_covar` の役割は 04 章で扱う)。

# %% [markdown] lang="en"
# ## 3. Data and initial parameters
#
# We use the same data as the textbook chapter (1000 points in three clusters) and the same initial values. The initial values in the textbook's code
# set the mixing coefficients uniformly ($\phi_k = 1/3$), the means to three points picked at random from the data, and every covariance matrix to the covariance matrix of the whole data set.
# `gt.init_params(X, 3, init="textbook", seed=11, reg_covar=0.0)` reproduces this, down to the sequence of random numbers
# (`reg_covar=0.0` says that nothing is added to the diagonal of the covariance matrices; the role of `reg_covar` is taken up in chapter 04).

# %%
X = gt.textbook_data()
params = gt.init_params(X, 3, init="textbook", seed=11, reg_covar=0.0)
phi, mu, sigma = params.phi, params.mu, params.sigma
n, K = X.shape[0], len(phi)
print("n =", n, " K =", K)
print("phi =", np.round(phi, 4))
print("mu =\n", np.round(mu, 4))
print("sigma[0] equals np.cov(X):", np.allclose(sigma[0], np.cov(X, rowvar=False)))

# %% [markdown] slide="subslide"
# 3 つの平均はデータ点そのものなので、クラスタの中心からはずれている。3 つの共分散行列はどれもデータ全体の広がりを表すので、
# 各ガウス分布は 3 つのクラスタをまとめて覆うほど大きい。この「まだ何もわかっていない」パラメータで負担率を計算してみる。

# %% [markdown] lang="en"
# The three means are data points themselves, so they are away from the centres of the clusters. All three covariance matrices describe the spread of the whole data set,
# so each Gaussian is large enough to cover all three clusters at once. Let us compute the responsibilities under these parameters, which "know nothing yet".

# %% [markdown] slide="slide"
# ## 4. E ステップを書く
#
# 教科書のコードの E ステップは、上の式をそのまま写したものである。まず各成分 $k$ について分子
# $\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$ を $n \times K$ の配列の第 $k$ 列に入れ、
# 次に各行をその行の和で割る。密度には教科書の関数 `gaussian_pdf` (02 章) をそのまま使う。

# %% [markdown] lang="en"
# ## 4. Writing the E-step
#
# The E-step in the textbook's code is a direct transcription of the formula above. First, for each component $k$, it puts the numerator
# $\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$ into column $k$ of an $n \times K$ array;
# then it divides each row by that row's sum. For the density we use the textbook's function `gaussian_pdf` (chapter 02) as it is.

# %%
from gmm_teach.textbook import gaussian_pdf  # the chapter's density: explicit det and inverse

responsibilities = np.zeros((n, K))
for k in range(K):
    responsibilities[:, k] = phi[k] * gaussian_pdf(X, mu[k], sigma[k])  # numerator phi_k N(x_n | mu_k, Sigma_k)
responsibilities /= responsibilities.sum(axis=1, keepdims=True)  # divide each row by its sum

print("first 3 rows:\n", np.round(responsibilities[:3], 4))
print("every row sums to 1:", np.allclose(responsibilities.sum(axis=1), 1.0))

# %% [markdown] slide="subslide"
# 最初の 3 点はいずれも成分 0 の負担率が 0.8 を超えて大きいが、残りの成分にも 1 % 未満から 1 割あまりが割り当てられている。
# 各行の和はたしかに 1 である。この結果をパッケージの `gt.e_step` と照らし合わせる。
# `gt.e_step(X, params)` は負担率 (形 $(N, K)$) と対数尤度の組を返す (対数尤度については 8 節で述べる)。

# %% [markdown] lang="en"
# For each of the first three points the responsibility of component 0 is large, above 0.8, but the other components still receive shares ranging from under 1 % to a little over 10 %.
# Each row does sum to 1. Let us check this result against the package's `gt.e_step`.
# `gt.e_step(X, params)` returns a pair: the responsibilities (of shape $(N, K)$) and the log-likelihood (discussed in section 8).

# %%
resp_ref, ll_ref = gt.e_step(X, params)
print("np.allclose(responsibilities, gt.e_step):", np.allclose(responsibilities, resp_ref))

# %% [markdown]
# 自分で書いた数行の E ステップは、パッケージの実装と数値誤差の範囲で一致した。
# 式と配列の対応は次のとおりである: `responsibilities[n, k]` が $\gamma_{nk}$、`axis=1` の和が $\sum_j$、
# `keepdims=True` は形 $(N, 1)$ の和を残して各行をその行の和で割るための指定である。

# %% [markdown] lang="en"
# The few lines of our own E-step agree with the package's implementation up to numerical error.
# The formula and the arrays correspond as follows: `responsibilities[n, k]` is $\gamma_{nk}$, the sum over `axis=1` is $\sum_j$,
# and `keepdims=True` keeps the sums in shape $(N, 1)$ so that each row is divided by its own sum.

# %% [markdown] slide="slide"
# ## 5. 負担率を図で見る
#
# 負担率は 1 点につき $K$ 個の数なので、各点を「成分の色を負担率で混ぜた色」で塗ると全体を一目で見渡せる。
# 成分 0、1、2 をそれぞれ青、橙、緑とし、負担率が 50 % ずつの点は 2 色の中間色になる
# (コードの成分は配列の添字と同じく 0 から数える。コードの成分 0 が式の $k = 1$ に当たり、番号が 1 つずれることに注意)。
# 左は初期パラメータでの負担率、右は EM を収束まで反復した後 (05 章) の負担率である。
# 楕円は各成分のマハラノビス距離 1 と 2 の等高線、× は平均を表す。
# (セルの 1 行目の `%matplotlib inline` は、図をノートブックの中に表示させる指定である。JupyterLab では既定の動作だが、実行環境によらず同じ結果になるよう明示しておく。)

# %% [markdown] lang="en"
# ## 5. Looking at the responsibilities
#
# The responsibilities are $K$ numbers per point, so colouring each point with "the component colours mixed in proportion to its responsibilities" shows them all at a glance.
# Components 0, 1 and 2 are blue, orange and green; a point whose responsibilities are split 50 % and 50 % between two components gets the colour halfway between the two
# (the code counts components from 0, like array indices: the code's component 0 is the formulas' $k = 1$, a shift by one).
# On the left are the responsibilities under the initial parameters; on the right, those after EM has been iterated to convergence (chapter 05).
# The ellipses are each component's contours at Mahalanobis distance 1 and 2, and × marks the means.
# (The first line of the cell, `%matplotlib inline`, makes the figures appear inside the notebook. This is JupyterLab's default behaviour, but we state it explicitly so that the result is the same in any environment.)

# %% slide="subslide"
%matplotlib inline
result = gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)
fig, axes = plt.subplots(1, 2, figsize=(10, 4.8))
for ax, p, r, title in [(axes[0], params, responsibilities, "Responsibilities at the initial parameters"),
                        (axes[1], result.params, result.responsibilities, f"After EM ({result.n_iter} iterations)")]:
    gt.plot.draw_points(ax, X, r)
    gt.plot.draw_ellipses(ax, p, radii=(1, 2))
    gt.plot.draw_means(ax, p)
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
plt.show()

# %% [markdown] slide="subslide"
# 左の図では、3 つの楕円がどれもデータ全体を覆うほど大きく、大きく重なっている。
# そのため多くの点が 2 色以上の混ざった中間色になっており、どの成分も点を「はっきりとは」引き受けていない。
# とくに左上のクラスタの近くには平均がなく、その点は橙と緑を混ぜた黄緑色になっている。
# それでも色は場所によってなめらかに変わり、各点はおおむね平均 (×) に近い成分の色を帯びている。
# 共分散行列がすべて等しく $\phi_k$ も等しいので、ここではマハラノビス距離の近さだけで負担率が決まるからである。
#
# 右の図では、各成分が 1 つのクラスタにぴったり合い、ほとんどの点が純粋な 1 色で塗られている。
# 中間色が残るのは、クラスタとクラスタの境目にある少数の点だけである。
# 同じ E ステップの式でも、パラメータがデータに合ってくると負担率は 0 か 1 に近づいていく。

# %% [markdown] lang="en"
# In the left panel the three ellipses are all large enough to cover the whole data set, and they overlap heavily.
# So many points are painted in an intermediate colour mixing two or more colours: no component takes charge of any point "decisively".
# In particular, there is no mean near the upper-left cluster, and its points are a yellowish green, a mixture of orange and green.
# Even so, the colours change smoothly from place to place, and each point is tinted mostly with the colour of the component whose mean (×) is closest.
# This is because all the covariance matrices are equal and all the $\phi_k$ are equal, so here the responsibilities are determined by closeness in Mahalanobis distance alone.
#
# In the right panel each component fits one cluster snugly, and most points are painted in a single pure colour.
# Intermediate colours remain only for a few points on the borders between clusters.
# With the very same E-step formula, the responsibilities approach 0 or 1 as the parameters come to fit the data.

# %% [markdown] slide="subslide"
# 割り当てがどのくらい「柔らかい」かは、各点の最大の負担率 $\max_k \gamma_{nk}$ で測れる。
# $\sum_k \gamma_{nk} = 1$ なので $\max_k \gamma_{nk}$ は $1/K$ 以上 1 以下であり、
# 1 に近いほど 1 つの成分にはっきり割り当てられ、$1/K = 1/3$ に近いほど迷っていることを意味する。

# %% [markdown] lang="en"
# How "soft" the assignment is can be measured by each point's largest responsibility, $\max_k \gamma_{nk}$.
# Since $\sum_k \gamma_{nk} = 1$, $\max_k \gamma_{nk}$ lies between $1/K$ and 1:
# the closer it is to 1, the more clearly the point is assigned to one component; the closer to $1/K = 1/3$, the more undecided it is.

# %%
max_init = responsibilities.max(axis=1)  # (n,) largest responsibility of each point
max_fit = result.responsibilities.max(axis=1)
fig, ax = plt.subplots(figsize=(6.5, 3.8))
bins = np.linspace(1 / K, 1, 21)
ax.hist(max_init, bins=bins, alpha=0.6, color="0.45", label="initial parameters")
ax.hist(max_fit, bins=bins, alpha=0.6, color=gt.plot.PALETTE[0], label="after EM")
ax.set(title="How soft is the assignment?", xlabel=r"$\max_k \gamma_{nk}$", ylabel="number of points")
ax.legend()
plt.show()
for name, mx in [("initial", max_init), ("after EM", max_fit)]:
    print(f"{name:9s}: mean of max_k gamma = {mx.mean():.4f}, share of points with max_k gamma > 0.9 = {np.mean(mx > 0.9):.4f}")

# %% [markdown] slide="subslide"
# 初期パラメータ (灰色) では最大の負担率の多くが 0.4 から 0.6 の間にあり、0.9 を超える点は 2 割に満たない。
# 多くの点について、どの成分から生じたのかがまだ決まっていない。
# EM を収束させた後 (青) では 9 割以上の点で最大の負担率が 0.9 を超え、分布は右端に集中する。
# ただし 1 ちょうどにはならない: 負担率は最後まで確率であり、境目の点は複数の成分に按分され続ける。
# この柔らかさが、各点を 1 つのクラスタに決め打ちする k-means との違いである。

# %% [markdown] lang="en"
# Under the initial parameters (grey), most of the largest responsibilities lie between 0.4 and 0.6, and fewer than 20 % of the points exceed 0.9.
# For many points it is not yet settled which component they came from.
# After EM has converged (blue), more than 90 % of the points have a largest responsibility above 0.9, and the distribution piles up at the right end.
# It never reaches exactly 1, though: the responsibilities remain probabilities to the very end, and points on the borders stay shared among several components.
# This softness is what distinguishes EM from k-means, which commits each point to a single cluster.

# %% [markdown] slide="slide"
# ## 6. 遠く離れた 1 点で NaN が出る
#
# 教科書の E ステップは、密度そのもの ($\exp$ をとった値) を掛けたり割ったりしている。
# これが困るのは、どの成分からも遠い点があるときである。データに点 $(1000, 1000)$ を 1 つ加えて、同じ計算をしてみる。
# 0 での割り算の警告はわざと止めて (`np.errstate`)、結果そのものを調べる。

# %% [markdown] lang="en"
# ## 6. One far-away point produces NaN
#
# The textbook's E-step multiplies and divides the densities themselves (the values after taking $\exp$).
# This becomes a problem when there is a point far from every component. Let us add a single point $(1000, 1000)$ to the data and repeat the same computation.
# We deliberately silence the division-by-zero warnings (`np.errstate`) and examine the result itself.

# %%
X_far = np.vstack([X, [[1000.0, 1000.0]]])  # one extra point, far from every component
with np.errstate(all="ignore"):  # silence the warnings: we inspect the result instead
    weighted = np.zeros((X_far.shape[0], K))
    for k in range(K):
        weighted[:, k] = phi[k] * gaussian_pdf(X_far, mu[k], sigma[k])
    responsibilities_naive = weighted / weighted.sum(axis=1, keepdims=True)
print("phi_k N(x | mu_k, Sigma_k) at (1000, 1000):", weighted[-1])
print("their sum:", weighted[-1].sum())
print("number of NaN in the responsibilities:", int(np.isnan(responsibilities_naive).sum()))
print("rows containing NaN:", np.flatnonzero(np.isnan(responsibilities_naive).any(axis=1)))

# %% [markdown] slide="subslide"
# 3 つの成分の分子がすべてちょうど 0 になり、最後の行 (行番号 1000、追加した点) が $0/0 = \mathrm{NaN}$ になった。
# 原因は浮動小数点数の **アンダーフロー** である。対数密度を直接計算すると、値そのものはごく普通の有限の数である。

# %% [markdown] lang="en"
# The numerators of all three components are exactly 0, and the last row (row 1000, the added point) becomes $0/0 = \mathrm{NaN}$.
# The cause is floating-point **underflow**. Computed directly, the log densities themselves are perfectly ordinary finite numbers.

# %%
print("ln N(x | mu_k, Sigma_k) at (1000, 1000):", np.round(gt.log_pdf(X_far[-1:], mu, sigma)[0], 2))
print("exp(-745) =", float(np.exp(-745.0)), "  exp(-746) =", float(np.exp(-746.0)))

# %% [markdown]
# 対数密度は $-2 \times 10^{5}$ 程度であり、その $\exp$ は $e^{-209799}$ といった数になる。
# 倍精度浮動小数点数で表せる最小の正の数はおよそ $5 \times 10^{-324} \approx e^{-745}$ なので、これより小さい数はすべて 0 に丸められる。
# 密度が 0 になること自体は近似として大きな害はないが、分子も分母も 0 になると比 $0/0$ が定まらない。
#
# NaN は 1 行にとどまらない。次の M ステップ (04 章) では平均を $\sum_n \gamma_{nk} \mathbf{x}_n$ で計算するので、
# 1 つの NaN がすべての成分の平均に入り込む。

# %% [markdown] lang="en"
# The log densities are of the order of $-2 \times 10^{5}$, so their $\exp$ is a number like $e^{-209799}$.
# The smallest positive number a double-precision floating-point number can represent is about $5 \times 10^{-324} \approx e^{-745}$, and anything smaller is rounded to 0.
# A density of 0 is not in itself a harmful approximation, but when both numerator and denominator are 0, the ratio $0/0$ is undefined.
#
# The NaN does not stay in one row. The next M-step (chapter 04) computes the means with $\sum_n \gamma_{nk} \mathbf{x}_n$,
# so a single NaN finds its way into the means of all components.

# %%
with np.errstate(all="ignore"):
    N_k = responsibilities_naive.sum(axis=0)  # (K,) NaN + anything = NaN
    mu_next = responsibilities_naive.T @ X_far / N_k[:, None]
print("mu after the next M-step:\n", mu_next)

# %% [markdown]
# 1001 点のうちたった 1 点のために、次の反復ではすべての成分の平均が NaN になり、以後の計算はすべて意味を失う。
# 外れ値を 1 つ含むだけの現実のデータでも起こりうる失敗である。

# %% [markdown] lang="en"
# Because of just one point out of 1001, the means of all components are NaN in the next iteration, and every computation after that is meaningless.
# This failure can happen with real data that contain just one outlier.

# %% [markdown] slide="slide"
# ## 7. log-sum-exp で NaN を防ぐ
#
# 分子を対数で表し、$a_{nk} = \ln \phi_k + \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$ とおくと、負担率は
#
# $$
# \gamma_{nk} = \frac{\exp(a_{nk})}{\sum_{j} \exp(a_{nj})}
# $$
#
# と書ける。分子と分母に同じ数 $e^{-m_n}$ を掛けても比は変わらないから、任意の $m_n$ について
#
# $$
# \gamma_{nk} = \frac{\exp(a_{nk} - m_n)}{\sum_{j} \exp(a_{nj} - m_n)}
# $$
#
# である。ここで $m_n = \max_k a_{nk}$ (行ごとの最大値) と選ぶのが要点である。
# すると $a_{nk} - m_n \le 0$ なので $\exp$ は 1 を超えず (オーバーフローしない)、
# しかも最大の項はちょうど $\exp(0) = 1$ になるので、分母は $1$ 以上 $K$ 以下に収まり決して 0 にならない。
# 同じ考え方を対数でまとめたものが **log-sum-exp** の公式
#
# $$
# \ln \sum_{k} \exp(a_k) = m + \ln \sum_{k} \exp(a_k - m), \qquad m = \max_k a_k
# $$
#
# である (両辺の差は $\sum_k \exp(a_k) = e^{m} \sum_k \exp(a_k - m)$ の対数をとれば 0 とわかる)。
# 右辺では $\exp$ の引数がすべて 0 以下で、和は $[1, K]$ に入るので、左辺を素直に計算すると 0 や $\infty$ になる場合でも有限の値が得られる。
#
# 実装は数行である。対数密度は 02 章の `gt.log_pdf` で、全成分ぶんをまとめて形 $(N, K)$ で求める。

# %% [markdown] lang="en"
# ## 7. Preventing NaN with log-sum-exp
#
# Write the numerator in logarithms, $a_{nk} = \ln \phi_k + \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$. The responsibilities then read
#
# $$
# \gamma_{nk} = \frac{\exp(a_{nk})}{\sum_{j} \exp(a_{nj})}
# $$
#
# Multiplying the numerator and the denominator by the same number $e^{-m_n}$ does not change the ratio, so for any $m_n$
#
# $$
# \gamma_{nk} = \frac{\exp(a_{nk} - m_n)}{\sum_{j} \exp(a_{nj} - m_n)}
# $$
#
# The key is to choose $m_n = \max_k a_{nk}$ (the maximum of each row).
# Then $a_{nk} - m_n \le 0$, so no $\exp$ exceeds 1 (no overflow);
# moreover the largest term is exactly $\exp(0) = 1$, so the denominator stays between $1$ and $K$ and is never 0.
# The same idea, written in logarithms, is the **log-sum-exp** formula
#
# $$
# \ln \sum_{k} \exp(a_k) = m + \ln \sum_{k} \exp(a_k - m), \qquad m = \max_k a_k
# $$
#
# (taking the logarithm of $\sum_k \exp(a_k) = e^{m} \sum_k \exp(a_k - m)$ shows that the two sides are equal).
# On the right-hand side every argument of $\exp$ is at most 0 and the sum lies in $[1, K]$, so it gives a finite value even where computing the left-hand side naively gives 0 or $\infty$.
#
# The implementation takes a few lines. We compute the log densities with `gt.log_pdf` from chapter 02, for all components at once, as an array of shape $(N, K)$.

# %% slide="subslide"
a = np.log(phi) + gt.log_pdf(X_far, mu, sigma)  # (n, K) a_nk = ln phi_k + ln N(x_n | mu_k, Sigma_k)
m = a.max(axis=1, keepdims=True)  # (n, 1) largest a_nk of each row
w = np.exp(a - m)  # (n, K) in [0, 1]; the largest of each row is exactly 1
responsibilities_far = w / w.sum(axis=1, keepdims=True)

print("a     at (1000, 1000):", np.round(a[-1], 2))
print("a - m at (1000, 1000):", np.round(a[-1] - m[-1], 2))
print("responsibilities at (1000, 1000):", np.round(responsibilities_far[-1], 4))
print("number of NaN:", int(np.isnan(responsibilities_far).sum()))

# %% [markdown]
# $a_{nk}$ はどれも $-2 \times 10^5$ 程度だが、最大値を引いた $a_{nk} - m_n$ は $0$ と $-463$、$-1900$ 程度になる。
# $\exp(0) = 1$ なので分母は 1 以上であり、NaN は 1 つも出ない。追加した点は、マハラノビス距離で最も近い成分 1 に
# 負担率ほぼ 1 で割り当てられた ($e^{-463}$ などは 0 に丸められても、分母が 1 以上なので問題にならない)。
#
# この安定な計算を `gt.e_step` と比べる。また、もとの 1000 点については、素直な計算で NaN が出なかったので、
# その結果とも一致するはずである。

# %% [markdown] lang="en"
# All the $a_{nk}$ are around $-2 \times 10^5$, but after subtracting the maximum, $a_{nk} - m_n$ is $0$, about $-463$ and about $-1900$.
# Since $\exp(0) = 1$, the denominator is at least 1, and not a single NaN appears. The added point is assigned, with a responsibility of almost 1,
# to component 1, the closest one in Mahalanobis distance (terms like $e^{-463}$ are rounded to 0, but with a denominator of at least 1 that does no harm).
#
# Let us compare this stable computation with `gt.e_step`. And for the original 1000 points, where the straightforward computation produced no NaN,
# it should also agree with that result.

# %%
resp_far_ref, ll_far_ref = gt.e_step(X_far, params)
print("np.allclose(responsibilities_far, gt.e_step):", np.allclose(responsibilities_far, resp_far_ref))
print("first 1000 rows equal the direct version:", np.allclose(responsibilities_far[:-1], responsibilities))

# %% [markdown] slide="subslide"
# どちらも True である。log-sum-exp は近似ではなく、素直な式と数学的に同じ値を、浮動小数点数の範囲からはみ出さずに計算する方法である。
# `gt.e_step` の内部 (`gmm_teach/steps.py` の `_e_step_kn`) も、同じく最大値を引いてから $\exp$ をとっている。

# %% [markdown] lang="en"
# Both are True. Log-sum-exp is not an approximation: it computes the very same value as the straightforward formula, mathematically, without leaving the range of floating-point numbers.
# Inside `gt.e_step` (`_e_step_kn` in `gmm_teach/steps.py`), too, the maximum is subtracted before taking $\exp$.

# %% [markdown] slide="slide"
# ## 8. 対数尤度は E ステップの副産物である
#
# 負担率の分母 $\sum_j \phi_j \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_j, \Sigma_j)$ は、
# 1 節で見たとおり点 $\mathbf{x}_n$ の周辺密度 $p(\mathbf{x}_n)$ そのものである。
# したがってデータ全体の対数尤度は、E ステップの途中で求めた $m_n$ と $\sum_k \exp(a_{nk} - m_n)$ から
#
# $$
# \ln p(X \mid \theta) = \sum_{n=1}^{N} \ln \sum_{k=1}^{K} \phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)
# = \sum_{n=1}^{N} \Bigl( m_n + \ln \sum_{k=1}^{K} \exp(a_{nk} - m_n) \Bigr)
# $$
#
# として、ほとんど追加の計算なしに得られる。`gt.e_step` が負担率と対数尤度を組にして返すのはこのためである。

# %% [markdown] lang="en"
# ## 8. The log-likelihood is a by-product of the E-step
#
# The denominator of the responsibilities, $\sum_j \phi_j \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_j, \Sigma_j)$,
# is, as we saw in section 1, exactly the marginal density $p(\mathbf{x}_n)$ of the point $\mathbf{x}_n$.
# So the log-likelihood of the whole data set follows, with almost no extra computation, from the $m_n$ and $\sum_k \exp(a_{nk} - m_n)$ already computed during the E-step:
#
# $$
# \ln p(X \mid \theta) = \sum_{n=1}^{N} \ln \sum_{k=1}^{K} \phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)
# = \sum_{n=1}^{N} \Bigl( m_n + \ln \sum_{k=1}^{K} \exp(a_{nk} - m_n) \Bigr)
# $$
#
# This is why `gt.e_step` returns the responsibilities and the log-likelihood as a pair.

# %%
log_px = m[:, 0] + np.log(w.sum(axis=1))  # (n,) ln p(x_n), by log-sum-exp
print(f"log-likelihood by log-sum-exp: {log_px.sum():.2f}")
print(f"log-likelihood by gt.e_step:   {ll_far_ref:.2f}")
print(f"contribution of (1000, 1000):  {log_px[-1]:.2f}")
with np.errstate(divide="ignore"):  # log 0 = -inf, on purpose
    print("the chapter's formula np.sum(np.log(weighted.sum(axis=1))):", np.sum(np.log(weighted.sum(axis=1))))

# %% [markdown] slide="subslide"
# log-sum-exp による値と `gt.e_step` の値は一致する。追加した 1 点だけで対数尤度は約 $2 \times 10^5$ 下がっており、
# この点がモデルにとってどれほど「ありえない」かがわかる。一方、教科書の式 (密度の和の対数) では $\ln 0 = -\infty$ となり、
# 対数尤度の推移で収束を判定すること (05 章) もできなくなる。もとの 1000 点だけなら、2 つの計算法は同じ値を与える。

# %% [markdown] lang="en"
# The value computed by log-sum-exp agrees with that of `gt.e_step`. The added point alone lowers the log-likelihood by about $2 \times 10^5$,
# which shows how "impossible" that point is for the model. The textbook's formula (the logarithm of the sum of the densities), on the other hand, gives $\ln 0 = -\infty$,
# which also makes it impossible to test convergence by how the log-likelihood changes (chapter 05). On the original 1000 points alone, the two methods give the same value.

# %%
with np.errstate(divide="ignore"):
    ll_direct = np.sum(np.log(weighted[:-1].sum(axis=1)))  # the chapter's formula on the original 1000 points
print(f"the chapter's formula on X: {ll_direct:.4f}")
print(f"gt.e_step on X:             {ll_ref:.4f}")

# %% [markdown] slide="slide"
# ## 9. E ステップ・エクスプローラ
#
# 次のウィジェットは、各成分の平均と混合係数をスライダーで動かすと、そのたびに E ステップ (`gt.e_step`) をやり直して負担率を描き直す。
# 左の図は 5 節の図と同じ塗り方であり、右の棒グラフは黒い円で囲んだ 1 点の負担率 $\gamma_{nk}$ を成分ごとに示す。
# 図の下には、その点の負担率と、いまのパラメータでの対数尤度が表示される。共分散行列は初期値 (データ全体の共分散行列) のまま動かない。
#
# 操作の手がかりとして、初期パラメータで最も割り当てに迷っている点 ($\max_k \gamma_{nk}$ が最小の点) を探しておく。

# %% [markdown] lang="en"
# ## 9. The E-step explorer
#
# In the following widget you move each component's mean and mixing coefficient with sliders, and every time it redoes the E-step (`gt.e_step`) and redraws the responsibilities.
# The left panel is coloured in the same way as the figure of section 5; the bar chart on the right shows, component by component, the responsibilities $\gamma_{nk}$ of the one point circled in black.
# Below the figure the widget shows that point's responsibilities and the log-likelihood under the current parameters. The covariance matrices stay at their initial values (the covariance matrix of the whole data set) and do not move.
#
# To give you something to start from, let us find the point that the initial parameters are least sure about (the point with the smallest $\max_k \gamma_{nk}$).

# %%
i_soft = int(np.argmin(responsibilities.max(axis=1)))  # the point the initial parameters are least sure about
print("most ambiguous point: n =", i_soft, " x =", np.round(X[i_soft], 2),
      " responsibilities =", np.round(responsibilities[i_soft], 4))

# %% slide="subslide"
# NBVAL_IGNORE_OUTPUT
gt.widgets.estep_explorer(X, params)

# %% [markdown] slide="subslide"
# 試してみること:
#
# - 「点の番号」を上で求めた点に合わせ、棒グラフを読む。成分 0 と成分 2 が 4 割ずつ、成分 1 が残りの 2 割を負担しており、どの成分の点ともいえない。
#   次に成分 2 の平均を左上のクラスタの中心 $(-3, 3)$ 付近へ動かすと、この点の負担率はほぼ 1 が成分 2 に移り、
#   黄緑色だった左上のクラスタがはっきりした緑に変わる。このとき対数尤度も増える。平均を手で動かすことは、M ステップの一部を手で行うことに当たる (04 章)。
# - 2 つの成分の平均をほぼ同じ位置に重ねてみる。共分散行列が等しいので、2 つの成分の負担率の比はどの点でも $\phi_k / \phi_j$ になり、
#   2 つの成分はすべての点を同じ割合で分け合う。混合係数を動かすとその割合が変わる。
# - 「硬い割り当て」にチェックを入れると、各点が負担率最大の成分の色で塗られ、成分の「縄張り」の境界が見える。
#   共分散行列がすべて等しいとき、$\ln(\gamma_{nk} / \gamma_{nj})$ の $\mathbf{x}_n$ についての 2 次の項は打ち消し合い、2 つの成分の間の境界は **直線** になる。
#   ある成分の混合係数を大きくすると、境界が平行移動してその成分の縄張りが広がることを確かめよ。

# %% [markdown] lang="en"
# Things to try:
#
# - Set "point number" to the point found above and read the bar chart. Components 0 and 2 each take about 40 % and component 1 the remaining 20 %: the point cannot be said to belong to any one component.
#   Then, on the "Component 2" tab, move the mean of component 2 ("mean x" and "mean y") to near $(-3, 3)$, the centre of the upper-left cluster: almost all of this point's responsibility moves to component 2,
#   and the upper-left cluster, yellowish green until now, turns a clear green. The log-likelihood increases as well. Moving a mean by hand amounts to doing part of the M-step by hand (chapter 04).
# - Put the means of two components almost on top of each other. Because the covariance matrices are equal, the ratio of the two components' responsibilities is $\phi_k / \phi_j$ at every point,
#   and the two components share all the points in the same proportion. Changing the mixing coefficients ("weight φ") changes that proportion.
# - Tick "hard assignment (colour of the most responsible component)": each point is painted in the colour of the component with the largest responsibility, and you can see the borders of the components' "territories".
#   When all the covariance matrices are equal, the terms of $\ln(\gamma_{nk} / \gamma_{nj})$ that are quadratic in $\mathbf{x}_n$ cancel, so the border between two components is a **straight line**.
#   Check that increasing one component's mixing coefficient shifts the border in parallel and widens that component's territory.

# %% [markdown] slide="slide"
# ## まとめ
#
# - 負担率 $\gamma_{nk} = p(z_n = k \mid \mathbf{x}_n)$ は、事前確率 $\phi_k$ と尤度 $\mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$ の積を
#   $k$ について正規化したものであり、ベイズの定理そのものである。各行の和は 1 である。
# - 5 点の小さな例では、等しい $\phi_k$ と分散の定数が約分され、負担率は $1/(1 + e^{2x_n - 2})$ と手で計算できる。
# - E ステップは数行で書け、密度を直接使う素直な実装は、普通のデータでは `gt.e_step` と一致する。
# - 初期パラメータでは割り当ては柔らかく ($\max_k \gamma_{nk}$ が 0.4 から 0.6 の点が多い)、パラメータがデータに合うにつれて負担率は 0 か 1 に近づく。
# - どの成分からも遠い点では密度がすべて 0 にアンダーフローし、$0/0 = \mathrm{NaN}$ が生じて次の M ステップで全体に広がる。
# - $a_{nk} = \ln \phi_k + \ln \mathcal{N}(\cdot)$ を対数のまま計算し、行ごとの最大値 $m_n$ を引いてから $\exp$ をとれば (log-sum-exp)、
#   値は変わらずに NaN を防げる。
# - 負担率の分母は $p(\mathbf{x}_n)$ なので、対数尤度 $\sum_n (m_n + \ln \sum_k e^{a_{nk} - m_n})$ は E ステップの副産物として得られる。

# %% [markdown] lang="en"
# ## Summary
#
# - The responsibility $\gamma_{nk} = p(z_n = k \mid \mathbf{x}_n)$ is the product of the prior $\phi_k$ and the likelihood $\mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$,
#   normalised over $k$: Bayes' theorem itself. Each row sums to 1.
# - In the five-point example the equal $\phi_k$ and the constants of the equal variances cancel, and the responsibilities $1/(1 + e^{2x_n - 2})$ can be computed by hand.
# - The E-step takes a few lines, and the straightforward implementation that uses the densities directly agrees with `gt.e_step` on ordinary data.
# - Under the initial parameters the assignment is soft (for many points $\max_k \gamma_{nk}$ lies between 0.4 and 0.6); as the parameters come to fit the data, the responsibilities approach 0 or 1.
# - At a point far from every component, all the densities underflow to 0, producing $0/0 = \mathrm{NaN}$, which the next M-step spreads everywhere.
# - Computing $a_{nk} = \ln \phi_k + \ln \mathcal{N}(\cdot)$ in logarithms and subtracting each row's maximum $m_n$ before taking $\exp$ (log-sum-exp)
#   leaves the values unchanged and prevents NaN.
# - The denominator of the responsibilities is $p(\mathbf{x}_n)$, so the log-likelihood $\sum_n (m_n + \ln \sum_k e^{a_{nk} - m_n})$ comes as a by-product of the E-step.

# %% [markdown] slide="slide"
# ## 演習
#
# 各演習では、関数のひな形のセルを書き換えて実行し、次のセルで採点関数 (`gt.checks`) を実行する。
# 採点関数は小さなテストケースで参照実装と比べ、誤りがあればよくある誤りと照らし合わせてヒントを出す。

# %% [markdown] lang="en"
# ## Exercises
#
# In each exercise, edit the cell with the function template and run it, then run the checker (`gt.checks`) in the next cell.
# The checker compares your function with the reference implementation on small test cases and, if something is wrong, gives a hint by matching your answer against common mistakes.

# %% [markdown] tags=["solution-note"] slide="skip"
# 解答例は各演習の後の折りたたまれたセルにある (セルの左の帯をクリックすると開く)。まず自分で解いてから開くこと。

# %% [markdown] lang="en" tags=["solution-note"]
# Worked solutions are in the collapsed cell after each exercise (click the bar to the left of a cell to open it). Solve the exercise yourself before you open it.

# %% [markdown]
# ### 演習 1: log-sum-exp
#
# 形 $(N, K)$ の配列 `a` を受け取り、各行について $\ln \sum_k \exp(a_{nk})$ を計算して形 $(N,)$ の配列を返す関数
# `log_sum_exp(a)` を書け。$a_{nk}$ が $\pm 1000$ 程度の大きさでも、オーバーフローやアンダーフローを起こさないこと。

# %% [markdown] lang="en"
# ### Exercise 1: log-sum-exp
#
# Write a function `log_sum_exp(a)` that takes an array `a` of shape $(N, K)$, computes $\ln \sum_k \exp(a_{nk})$ for each row and returns an array of shape $(N,)$.
# It must not overflow or underflow even when the $a_{nk}$ are as large as about $\pm 1000$.

# %% slide="skip"
def log_sum_exp(a):
    """Row-wise log-sum-exp: a (n, K) -> (n,), ln sum_k exp(a[n, k]), without overflow or underflow."""
    # TODO: subtract the row maximum, exponentiate, sum over k, take the log, add the maximum back
    return None

# %% slide="skip"
gt.checks.check_log_sum_exp(log_sum_exp)

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/03_e_step.py#log_sum_exp

# %% [markdown]
# ### 演習 2: 遠い点にも強い E ステップ
#
# 観測データ `X` (形 $(N, D)$) と混合係数 `phi` $(K,)$、平均 `mu` $(K, D)$、共分散行列 `sigma` $(K, D, D)$ を受け取り、
# 負担率 `responsibilities` (形 $(N, K)$) を返す関数 `e_step(X, phi, mu, sigma)` を書け。
# 採点関数は 3 つの普通のケースに加えて、点 $(1000, 1000)$ を含むケースを試す。
# 4 節の素直な書き方では「ほぼ正解 (△)」となるので、演習 1 の `log_sum_exp` と `gt.log_pdf` を使って ✓ を目指すこと。
# ヒント: 7 節では最大値を引いてから $\exp$ をとって正規化したが、対数のまま $\ln \gamma_{nk} = a_{nk} - \ln \sum_j \exp(a_{nj})$ を計算してから $\exp$ をとってもよい。

# %% [markdown] lang="en"
# ### Exercise 2: an E-step that copes with far-away points
#
# Write a function `e_step(X, phi, mu, sigma)` that takes the observed data `X` (of shape $(N, D)$), the mixing coefficients `phi` $(K,)$, the means `mu` $(K, D)$ and the covariance matrices `sigma` $(K, D, D)$,
# and returns the responsibilities `responsibilities` (of shape $(N, K)$).
# Besides three ordinary cases, the checker tries a case that contains the point $(1000, 1000)$.
# The straightforward version of section 4 gets "Almost." (△), so aim for ✓ by using `log_sum_exp` from Exercise 1 and `gt.log_pdf`.
# Hint: section 7 subtracted the maximum, took $\exp$ and then normalised; you may instead compute $\ln \gamma_{nk} = a_{nk} - \ln \sum_j \exp(a_{nj})$ in logarithms and take $\exp$ at the end.

# %% slide="skip"
def e_step(X, phi, mu, sigma):
    """Responsibilities (n, K) from X (n, d), phi (K,), mu (K, d), sigma (K, d, d)."""
    # TODO: a = ln phi_k + ln N(x_n | mu_k, sigma_k), shape (n, K); then normalise each row in log space
    return None

# %% slide="skip"
gt.checks.check_e_step(e_step)

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/03_e_step.py#e_step

# %% [markdown]
# 次は [04 M ステップ](04_m_step.ipynb) である。E ステップで求めた負担率から、パラメータ $\phi, \mu, \Sigma$ を更新する。

# %% [markdown] lang="en"
# Next: [04 The M-step](04_m_step.ipynb), which updates the parameters $\phi, \mu, \Sigma$ from the responsibilities computed in the E-step.
