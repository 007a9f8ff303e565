# %% [markdown] slide="slide"
# # 12 ガウス分布を超えて: ベルヌーイ混合
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/12_bernoulli_mixtures.ipynb) (インストール不要。Google アカウントで実行できる)
#
# ここまでの章の成分はすべてガウス分布であった。しかし EM アルゴリズムそのものはガウス分布に限らない。
# E ステップで潜在変数 $z$ の事後分布 (負担率) を求め、M ステップで負担率を重みとした最尤推定を行うという手順は、
# 成分の分布が何であっても同じである。本章ではこの手順を 0 と 1 だけからなる **二値** のデータに当てはめる。
# 成分は各画素が独立に確率 $p_{ki}$ で 1 になる **ベルヌーイ分布** であり、その混合が **ベルヌーイ混合** である。
# 題材は scikit-learn に同梱されている 8×8 画素の手書き数字で、これを二値化し、数字のラベルを見ずに 10 個の
# **プロトタイプ** を学習する。参考文献は Bishop『パターン認識と機械学習』(PRML) 9.3.3 節である。
#
# **この章で学ぶこと**
# - EM の一般的な手順 (E: $z$ の事後分布、M: 重み付き最尤推定) と、それをベルヌーイ分布に当てはめた E ステップと M ステップ
# - ベルヌーイ成分の M ステップ $p_k = \sum_n \gamma_{nk} \mathbf{x}_n / N_k$ の導出と、数行の実装 (`gt.bernoulli_e_step`、`gt.bernoulli_m_step` との照合)
# - 手書き数字の二値化と、`gt.fit_bernoulli` による $K = 10$ のプロトタイプの学習
# - クラスタと本当の数字の比較: 最適な対応づけと混同行列
# - 生成モデルとしての混合分布: 学習したモデルから新しい数字を生成すること
# - k-means との比較: 硬い割り当てと柔らかい割り当て、プロトタイプと正解率
#
# **前提**: [03 E ステップ](03_e_step.ipynb)、[04 M ステップ](04_m_step.ipynb)、[05 EM アルゴリズム](05_em_algorithm.ipynb)
# (負担率、$N_k$、log-sum-exp、局所最適解)。EM の一般的な見方は [07 EM はなぜうまくいくか](07_why_em_works.ipynb) にある。
# サンプリングは [01 データ生成](01_data_generation.ipynb) と同じ考え方である。scikit-learn が入っていること (`requirements.txt` に含まれている)。

# %% [markdown] lang="en"
# # 12 Beyond Gaussians: Bernoulli mixtures
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/12_bernoulli_mixtures.ipynb) (nothing to install; runs with a Google account)
#
# Every component so far has been a Gaussian. The EM algorithm itself, however, is not tied to Gaussians. Its recipe,
# "E-step: compute the posterior distribution of the latent variable $z$ (the responsibilities); M-step: maximum likelihood
# with the responsibilities as weights", is the same whatever the components' distribution. In this chapter we apply it to
# **binary** data, made of 0s and 1s only. Each component is a **Bernoulli distribution** in which every pixel is 1
# independently with probability $p_{ki}$, and a mixture of them is a **Bernoulli mixture**. Our data are the 8×8-pixel
# handwritten digits that come with scikit-learn: we binarise them and, without looking at the labels, learn ten
# **prototypes**. The reference is Bishop, *Pattern Recognition and Machine Learning* (PRML), Section 9.3.3.
#
# **What you will learn**
# - The general EM recipe (E: the posterior over $z$; M: weighted maximum likelihood), and the E-step and M-step it gives for Bernoulli components
# - Deriving the M-step for Bernoulli components, $p_k = \sum_n \gamma_{nk} \mathbf{x}_n / N_k$, and writing it in a few lines (checked against `gt.bernoulli_e_step` and `gt.bernoulli_m_step`)
# - Binarising handwritten digits and learning $K = 10$ prototypes with `gt.fit_bernoulli`
# - Comparing the clusters with the true digits: an optimal matching and a confusion matrix
# - A mixture as a generative model: sampling new digits from the learned model
# - A comparison with k-means: hard and soft assignments, prototypes and accuracy
#
# **Prerequisites**: [03 The E-step](03_e_step.ipynb), [04 The M-step](04_m_step.ipynb), [05 The EM algorithm](05_em_algorithm.ipynb)
# (responsibilities, $N_k$, log-sum-exp, local optima). The general view of EM is in [07 Why EM works](07_why_em_works.ipynb).
# Sampling works as in [01 Data generation](01_data_generation.ipynb). scikit-learn must be installed (it is in `requirements.txt`).

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

# %% [markdown] slide="skip"
# この章では scikit-learn と SciPy を使う。10 章と同じく、行列計算 (BLAS) のスレッドを 1 つに制限しておく
# (コアの少ない計算機で、numpy と scipy のスレッドがコアを取り合うのを避けるためである)。

# %% [markdown] lang="en"
# This chapter uses scikit-learn and SciPy. As in chapter 10, we limit the threads of the matrix routines (BLAS) to one
# (so that the threads of numpy and scipy do not fight over the cores of a small machine).

# %% slide="skip"
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from threadpoolctl import threadpool_limits

blas_threads = threadpool_limits(limits=1)  # one thread for numpy's and scipy's OpenBLAS (see chapter 10)

# %% [markdown] slide="slide"
# ## 1. EM の一般的な手順
#
# 観測データ $X = \{\mathbf{x}_1, \dots, \mathbf{x}_N\}$ の各点が、観測されない成分 $z_n \in \{1, \dots, K\}$ から
# 生まれたとするモデル
#
# $$
# p(\mathbf{x}) = \sum_{k=1}^{K} \phi_k \, p(\mathbf{x} \mid \theta_k)
# $$
#
# を考える。$p(\mathbf{x} \mid \theta_k)$ はガウス分布でなくてもよい。EM の 1 回の反復は次の 2 つからなる。
#
# - **E ステップ**: 現在のパラメータで、各点の $z_n$ の事後分布 (負担率)
#   $\gamma_{nk} = \phi_k \, p(\mathbf{x}_n \mid \theta_k) / \sum_j \phi_j \, p(\mathbf{x}_n \mid \theta_j)$ を求める。
# - **M ステップ**: 負担率を固定し、完全データの対数尤度の期待値
#   $Q = \sum_n \sum_k \gamma_{nk} [\ln \phi_k + \ln p(\mathbf{x}_n \mid \theta_k)]$ を最大化する。
#   これは各点を重み $\gamma_{nk}$ で数えた最尤推定であり、$\phi_k = N_k / N$ は成分の分布によらない。

# %% [markdown] lang="en"
# ## 1. The general EM recipe
#
# Consider a model in which each point of the observed data $X = \{\mathbf{x}_1, \dots, \mathbf{x}_N\}$ was generated by an
# unseen component $z_n \in \{1, \dots, K\}$:
#
# $$
# p(\mathbf{x}) = \sum_{k=1}^{K} \phi_k \, p(\mathbf{x} \mid \theta_k)
# $$
#
# where $p(\mathbf{x} \mid \theta_k)$ need not be Gaussian. One iteration of EM has two parts.
#
# - **E-step**: with the current parameters, compute the posterior distribution of each point's $z_n$, the responsibilities
#   $\gamma_{nk} = \phi_k \, p(\mathbf{x}_n \mid \theta_k) / \sum_j \phi_j \, p(\mathbf{x}_n \mid \theta_j)$.
# - **M-step**: hold the responsibilities fixed and maximise the expected complete-data log-likelihood
#   $Q = \sum_n \sum_k \gamma_{nk} [\ln \phi_k + \ln p(\mathbf{x}_n \mid \theta_k)]$.
#   This is maximum likelihood with each point counted with weight $\gamma_{nk}$, and $\phi_k = N_k / N$ whatever the components are.

# %% [markdown] slide="subslide"
# 成分の種類によって変わるのは「$\ln p(\mathbf{x} \mid \theta_k)$ の式」と「重み付き最尤推定の解」の 2 か所だけである。
# 対数尤度が反復ごとに減らないこと (07 章) も、局所最適解に陥りうること (05 章、08 章) も、そのまま成り立つ。

# %% [markdown] lang="en"
# Only two things change with the kind of component: the formula for $\ln p(\mathbf{x} \mid \theta_k)$, and the solution of
# the weighted maximum likelihood problem. That the log-likelihood never decreases (chapter 07) and that EM can get stuck in
# a local optimum (chapters 05 and 08) carry over unchanged.

# %% [markdown] slide="slide"
# ## 2. ベルヌーイ混合
#
# $\mathbf{x} = (x_1, \dots, x_D)$ の各要素が 0 か 1 の値をとるとする (画像なら各画素が白 (0) か黒 (1) か)。
# 成分 $k$ は各画素が互いに独立に確率 $p_{ki}$ で 1 になるという **ベルヌーイ分布** であり、
# 画素ごとの確率を並べたベクトル $\mathbf{p}_k = (p_{k1}, \dots, p_{kD})$ を成分 $k$ の **プロトタイプ** と呼ぶ。
#
# $$
# p(\mathbf{x} \mid \mathbf{p}_k) = \prod_{i=1}^{D} p_{ki}^{x_i} (1 - p_{ki})^{1 - x_i}, \qquad
# \ln p(\mathbf{x} \mid \mathbf{p}_k) = \sum_{i=1}^{D} \bigl[ x_i \ln p_{ki} + (1 - x_i) \ln (1 - p_{ki}) \bigr]
# $$
#
# 積には、$x_i = 1$ の画素からは確率 $p_{ki}$ が、$x_i = 0$ の画素からは確率 $1 - p_{ki}$ が掛かる。プロトタイプは画像と同じ形をしているので、
# そのまま画像として見ることができる。$K$ 個のベルヌーイ分布を混合係数 $\phi_k$ で混ぜたものがベルヌーイ混合
# $p(\mathbf{x}) = \sum_k \phi_k \, p(\mathbf{x} \mid \mathbf{p}_k)$ である (PRML 9.3.3 節)。

# %% [markdown] lang="en"
# ## 2. The Bernoulli mixture
#
# Let every entry of $\mathbf{x} = (x_1, \dots, x_D)$ be 0 or 1 (for an image: each pixel is "off" or "on").
# Component $k$ is a **Bernoulli distribution** in which every pixel is 1, independently of the others, with probability $p_{ki}$;
# the vector of these probabilities, $\mathbf{p}_k = (p_{k1}, \dots, p_{kD})$, is the **prototype** of component $k$.
#
# $$
# p(\mathbf{x} \mid \mathbf{p}_k) = \prod_{i=1}^{D} p_{ki}^{x_i} (1 - p_{ki})^{1 - x_i}, \qquad
# \ln p(\mathbf{x} \mid \mathbf{p}_k) = \sum_{i=1}^{D} \bigl[ x_i \ln p_{ki} + (1 - x_i) \ln (1 - p_{ki}) \bigr]
# $$
#
# A pixel with $x_i = 1$ contributes the probability $p_{ki}$, a pixel with $x_i = 0$ the probability $1 - p_{ki}$. A prototype
# has the shape of an image, so we can look at it as one. Mixing $K$ Bernoulli distributions with mixing coefficients
# $\phi_k$ gives the Bernoulli mixture $p(\mathbf{x}) = \sum_k \phi_k \, p(\mathbf{x} \mid \mathbf{p}_k)$ (PRML, Section 9.3.3).

# %% [markdown] slide="subslide"
# 対数をとった形は、`X @ np.log(p).T + (1 - X) @ np.log(1 - p).T` という 2 つの行列積で全点・全成分について一度に計算できる。
# 積の形のまま計算してはいけない。$D = 64$ 画素の確率を掛け合わせると、0 や 1 に近い確率の画素が多い場合には、値は容易に
# 倍精度の正規化数の最小値 (約 $10^{-308}$) を下回り、0 になる。

# %% [markdown] lang="en"
# In its log form it takes two matrix products for all points and all components at once:
# `X @ np.log(p).T + (1 - X) @ np.log(1 - p).T`. Do not compute the product form: multiplying the probabilities of
# $D = 64$ pixels, many of them with probabilities close to 0 or 1, easily falls below the smallest normal double-precision
# number (about $10^{-308}$) and gives 0.

# %% [markdown] slide="slide"
# ## 3. ベルヌーイ成分の M ステップ
#
# 1 節の $Q$ のうち $p_{ki}$ を含むのは $\sum_n \gamma_{nk} [x_{ni} \ln p_{ki} + (1 - x_{ni}) \ln(1 - p_{ki})]$ だけである。
# $p_{ki}$ で微分して 0 とおくと
#
# $$
# \frac{\partial Q}{\partial p_{ki}} = \sum_{n=1}^{N} \gamma_{nk} \Bigl[ \frac{x_{ni}}{p_{ki}} - \frac{1 - x_{ni}}{1 - p_{ki}} \Bigr] = 0
# \quad \Longrightarrow \quad
# (1 - p_{ki}) \sum_n \gamma_{nk} x_{ni} = p_{ki} \sum_n \gamma_{nk} (1 - x_{ni})
# $$
#
# となる。両辺を展開して整理すると $\sum_n \gamma_{nk} x_{ni} = p_{ki} N_k$、すなわち
#
# $$
# N_k = \sum_{n=1}^{N} \gamma_{nk}, \qquad \phi_k = \frac{N_k}{N}, \qquad \mathbf{p}_k = \frac{1}{N_k} \sum_{n=1}^{N} \gamma_{nk} \, \mathbf{x}_n
# $$
#
# を得る ($\phi_k$ は 04 章と同じラグランジュの未定乗数法による)。

# %% [markdown] lang="en"
# ## 3. The M-step for Bernoulli components
#
# The only part of $Q$ in Section 1 that contains $p_{ki}$ is $\sum_n \gamma_{nk} [x_{ni} \ln p_{ki} + (1 - x_{ni}) \ln(1 - p_{ki})]$.
# Setting its derivative with respect to $p_{ki}$ to zero gives
#
# $$
# \frac{\partial Q}{\partial p_{ki}} = \sum_{n=1}^{N} \gamma_{nk} \Bigl[ \frac{x_{ni}}{p_{ki}} - \frac{1 - x_{ni}}{1 - p_{ki}} \Bigr] = 0
# \quad \Longrightarrow \quad
# (1 - p_{ki}) \sum_n \gamma_{nk} x_{ni} = p_{ki} \sum_n \gamma_{nk} (1 - x_{ni})
# $$
#
# and expanding both sides (the terms $p_{ki} \sum_n \gamma_{nk} x_{ni}$ cancel) leaves $\sum_n \gamma_{nk} x_{ni} = p_{ki} N_k$, that is,
#
# $$
# N_k = \sum_{n=1}^{N} \gamma_{nk}, \qquad \phi_k = \frac{N_k}{N}, \qquad \mathbf{p}_k = \frac{1}{N_k} \sum_{n=1}^{N} \gamma_{nk} \, \mathbf{x}_n
# $$
#
# ($\phi_k$ by the Lagrange multiplier of chapter 04).

# %% [markdown] slide="subslide"
# プロトタイプは **負担率で重みをつけた画像の平均** であり、
# ガウス分布の平均 $\boldsymbol{\mu}_k$ の式とまったく同じ形である。ただし共分散行列に当たるものはない。
# 画素の分散は $p_{ki}(1 - p_{ki})$ と平均から決まり、画素どうしは成分の中では独立だからである。

# %% [markdown] lang="en"
# A prototype is **the average of the images, weighted by the
# responsibilities**: exactly the formula of the Gaussian mean $\boldsymbol{\mu}_k$. There is no counterpart of the covariance
# matrix, though: a pixel's variance $p_{ki}(1 - p_{ki})$ follows from its mean, and within a component the pixels are independent.

# %% [markdown] slide="slide"
# ## 4. 手書き数字を二値化する
#
# scikit-learn は手書き数字 1797 枚 (8×8 画素、各画素は 0 から 16 の濃淡) をパッケージに同梱しており、`load_digits()` で
# ネットワークに接続せずに読み込める (UCI Machine Learning Repository の "Optical Recognition of Handwritten Digits" の
# テスト用の部分である)。濃淡の範囲のちょうど半分を閾値とし、**8 以上の画素を 1、それ未満を 0** として二値化する。
# 数字のラベル `y` は学習には使わず、最後に結果と比べるためだけに取っておく。

# %% [markdown] lang="en"
# ## 4. Binarising handwritten digits
#
# scikit-learn's `load_digits()` ships 1797 handwritten digits (8×8 pixels, each a grey level from 0 to 16) inside the
# package and reads them without any network access (they are the test part of the UCI Machine Learning Repository's
# "Optical Recognition of Handwritten Digits"). We binarise at half the range: **a pixel of 8 or more becomes 1, anything
# below becomes 0**. The labels `y` are not used for learning; we keep them only to compare with the result at the end.

# %%
digits = load_digits()  # bundled with scikit-learn: no download
threshold = 8  # grey levels run from 0 to 16: a pixel is "on" (1) from half the range upwards
X = (digits.data >= threshold).astype(float)  # (n, d) = (1797, 64), 0s and 1s
y = digits.target  # the true digits 0-9: only to compare with at the end
n, d = X.shape
print("X:", X.shape, "| grey levels:", int(digits.data.min()), "to", int(digits.data.max()))
print(f"pixels on after binarising: {100 * X.mean():.1f} % | images per digit: {np.bincount(y)}")
print("pixels that are off in every image:", int((X.sum(axis=0) == 0).sum()))

# %% slide="subslide"
fig, axes = plt.subplots(2, 8, figsize=(10, 3))
for j in range(8):
    axes[0, j].imshow(digits.images[j], cmap="gray_r", vmin=0, vmax=16)
    axes[1, j].imshow(X[j].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
    axes[0, j].set_title(f"y = {y[j]}")
for ax in axes.ravel():
    ax.set(xticks=[], yticks=[])
axes[0, 0].set_ylabel("grey 0-16")
axes[1, 0].set_ylabel(f"x >= {threshold}")
fig.suptitle("The first eight digits: grey levels (top) and binarised (bottom)")
plt.show()

# %% [markdown] slide="subslide"
# 二値化しても数字は十分に読める。画素のおよそ 3 分の 1 が 1 である。画像の左右の端の列には、どの画像でも 0 の画素がある
# (個数は上の出力のとおり)。この「一度も 1 にならない画素」は、次の節で確率 $p_{ki} = 0$ の問題として現れる。

# %% [markdown] lang="en"
# The digits are still easy to read after binarising; about a third of the pixels are on. Some pixels in the leftmost and
# rightmost columns are off in every image (the count printed above). These "never on" pixels come back in the next section
# as the problem of a probability $p_{ki} = 0$.

# %% [markdown] slide="slide"
# ## 5. E ステップと M ステップを書く
#
# PRML 9.3.3 節にならい、混合係数を一様 ($1/K$)、プロトタイプの各画素を 0.25 から 0.75 の一様乱数として始め、
# E ステップと M ステップを 1 回ずつ書く。E ステップの対数確率は 2 節の行列積、正規化は 03 章と同じ log-sum-exp である。

# %% [markdown] lang="en"
# ## 5. Writing the E-step and the M-step
#
# Following PRML, Section 9.3.3, we start with uniform mixing coefficients ($1/K$) and every pixel of every prototype drawn
# uniformly between 0.25 and 0.75, and write one E-step and one M-step. The E-step's log-probabilities are the matrix
# products of Section 2; they are normalised with log-sum-exp, as in chapter 03.

# %%
K = 10
rng = np.random.default_rng(0)
phi = np.full(K, 1 / K)
p = rng.uniform(0.25, 0.75, size=(K, d))  # (K, d) random prototypes

log_prob = X @ np.log(p).T + (1 - X) @ np.log(1 - p).T  # (n, K) ln p(x_n | p_k)
a = np.log(phi) + log_prob
responsibilities = np.exp(a - a.max(axis=1, keepdims=True))
responsibilities /= responsibilities.sum(axis=1, keepdims=True)  # E-step: gamma_nk, each row sums to 1

N_k = responsibilities.sum(axis=0)  # (K,) effective number of images
phi_new = N_k / n
p_new = responsibilities.T @ X / N_k[:, None]  # (K, d) M-step: the weighted average image
print("N_k =", np.round(N_k, 1), " sum =", f"{N_k.sum():.1f}")

# %% [markdown] slide="subslide"
# パッケージの `gt.bernoulli_e_step`、`gt.bernoulli_m_step` と照合する。`alpha=0.0` は、次に述べる平滑化をしない素の最尤推定の指定である。

# %% [markdown] lang="en"
# We compare with the package's `gt.bernoulli_e_step` and `gt.bernoulli_m_step`. `alpha=0.0` is plain maximum likelihood,
# without the smoothing described next.

# %%
resp_package, log_likelihood = gt.bernoulli_e_step(X, gt.BernoulliParams(phi, p))
new = gt.bernoulli_m_step(X, responsibilities, alpha=0.0)
print("responsibilities:", np.allclose(responsibilities, resp_package))
print("phi:             ", np.allclose(phi_new, new.phi))
print("p:               ", np.allclose(p_new, new.p))
print(f"log-likelihood at the random start: {log_likelihood:.2f}")
print("entries of p_new that are exactly 0:", int((p_new == 0).sum()),
      f"(= K x {int((X.sum(axis=0) == 0).sum())} pixels that are never on)")

# %% [markdown] slide="subslide"
# 3 つとも一致した。最後の行に注意する。どの画像でも 0 の画素は、どの成分でも $\sum_n \gamma_{nk} x_{ni} = 0$ なので
# $p_{ki} = 0$ ちょうどになる。その画素が 1 である新しい画像が来ると、確率は 0、対数確率は $-\infty$ になり、すべての成分で
# そうなれば負担率は 0/0 になる。04 章で $\Sigma_k$ が特異になるのを防ぐために `reg_covar` を足したのと同じく、
# `gt.fit_bernoulli` と `gt.bernoulli_m_step` は既定で小さな擬似カウント $\alpha = 10^{-6}$ を足す。
#
# $$
# p_{ki} = \frac{\sum_n \gamma_{nk} x_{ni} + \alpha}{N_k + 2\alpha}
# $$
#
# これは各 $p_{ki}$ にベータ分布の事前分布 $\mathrm{Beta}(1 + \alpha, 1 + \alpha)$ を置いたときの MAP 推定 (最大事後確率推定) であり、$p_{ki}$ を 0 と 1 からわずかに離す。

# %% [markdown] lang="en"
# All three agree. Note the last line. A pixel that is off in every image has $\sum_n \gamma_{nk} x_{ni} = 0$ in every
# component, so its $p_{ki}$ is exactly 0. A new image with that pixel on then has probability 0, log-probability $-\infty$,
# and if that happens in every component its responsibilities are 0/0. Just as chapter 04 added `reg_covar` against a
# singular $\Sigma_k$, `gt.fit_bernoulli` and `gt.bernoulli_m_step` add a small pseudo-count $\alpha = 10^{-6}$ by default:
#
# $$
# p_{ki} = \frac{\sum_n \gamma_{nk} x_{ni} + \alpha}{N_k + 2\alpha}
# $$
#
# This is the maximum a posteriori (MAP) estimate under a beta prior $\mathrm{Beta}(1 + \alpha, 1 + \alpha)$ on each $p_{ki}$; it
# keeps every $p_{ki}$ slightly away from 0 and 1.

# %% [markdown] slide="slide"
# ## 6. 10 個のプロトタイプを学習する
#
# E ステップと M ステップを収束まで繰り返すのが `gt.fit_bernoulli` である。05 章で見たとおり EM の結果は初期値によるので、
# 5 通りのシードで始め、最終的な対数尤度が最も高いものを選ぶ。

# %% [markdown] lang="en"
# ## 6. Learning ten prototypes
#
# `gt.fit_bernoulli` repeats the E-step and the M-step until they converge. As chapter 05 showed, what EM finds depends on
# where it starts, so we start from 5 seeds and keep the run with the highest final log-likelihood.

# %%
runs = [gt.fit_bernoulli(X, K, seed=seed, max_iter=300) for seed in range(5)]
final = np.array([r.log_likelihoods[-1] for r in runs])
print("final log-likelihood by seed:", np.round(final, 1))
best_seed = int(np.argmax(final))
result = runs[best_seed]
print(f"best: seed {best_seed}, {result.n_iter} iterations, converged {result.converged}, "
      f"log-likelihood after iteration 1: {result.log_likelihoods[0]:.1f}, at the end: {result.log_likelihoods[-1]:.1f}")

# %% [markdown] slide="subslide"
# シードごとに最終的な対数尤度が異なる。EM がシードごとに別の局所最適解に収束したのである。学習したプロトタイプ $\mathbf{p}_k$ を画像として並べる。
# 見出しの番号はコードの成分番号である (コードの成分 0 が式の $k = 1$ に当たる)。

# %% [markdown] lang="en"
# The final log-likelihood differs from seed to seed: EM converged to a different local optimum from each. Here are the
# learned prototypes $\mathbf{p}_k$ as images. The numbers in the titles are the code's component numbers
# (the code's component 0 is the formulas' $k = 1$).

# %%
fig, axes = plt.subplots(2, K // 2, figsize=(10, 4.6))  # K = 10: two rows of five
for k, ax in enumerate(axes.ravel()):
    ax.imshow(result.p[k].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
    ax.set(title=f"component {k}\nphi = {result.phi[k]:.3f}", xticks=[], yticks=[])
fig.suptitle("Learned prototypes p_k (pixel = probability of being on)")
plt.show()

# %% [markdown] slide="subslide"
# ラベルを一度も見ていないのに、ほとんどのプロトタイプは 0 から 9 のどれかの「平均的な書き方」に見える。
# 黒い画素はほぼ確実に 1、白い画素はほぼ確実に 0、灰色の画素は書き手によって 1 にも 0 にもなる画素である。
# 一方で、同じ数字の 2 通りの書き方が別の成分に分かれたり、似た数字が 1 つの成分にまとめられたりもしている。次の節でこれを数で確かめる。
#
# 反復の途中でプロトタイプがどう形づくられるかは、ウィジェットで 1 ステップずつ見られる。

# %% [markdown] lang="en"
# Without ever seeing a label, most prototypes look like "the average way of writing" one of the digits 0 to 9. A black
# pixel is almost surely on, a white one almost surely off, and a grey one is on for some writers and off for others. On
# the other hand, two ways of writing the same digit can end up in different components, and similar digits can share
# one. The next section puts numbers on this.
#
# A widget steps through the iterations and shows how the prototypes take shape.

# %%
# NBVAL_IGNORE_OUTPUT
gt.widgets.bernoulli_stepper(X, result, image_shape=(8, 8))

# %% [markdown] slide="slide"
# ## 7. クラスタと本当の数字を比べる
#
# 各画像を負担率が最大の成分に割り当て、本当の数字との **混同行列** を作る。成分の番号は任意なので、
# まず成分と数字を 1 対 1 に対応づける。対角線上の画像の数が最大になる対応づけを求める問題は割り当て問題と
# 呼ばれ、ハンガリー法がその古典的な解法である。ここでは SciPy の `linear_sum_assignment` で求める。
# 10 個の成分と 10 個の数字を対応づけるので、$K = 10$ を前提とするセルである。

# %% [markdown] lang="en"
# ## 7. Comparing clusters with the true digits
#
# We assign each image to the component with its largest responsibility and build a **confusion matrix** against the true
# digits. The component numbers are arbitrary, so we first match components and digits one to one: the matching that puts
# the most images on the diagonal. Finding it is the assignment problem, classically solved by the Hungarian method; here
# SciPy's `linear_sum_assignment` solves it. It matches ten components with ten digits, so these cells assume $K = 10$.

# %%
def matched_confusion(labels):
    """(confusion matrix, order, accuracy) for cluster labels 0..9 against y; component order[c] stands for digit c."""
    table = np.zeros((10, 10), dtype=int)  # rows: true digit, columns: cluster (K = 10)
    np.add.at(table, (y, labels), 1)
    _, order = linear_sum_assignment(-table)  # maximise the images on the diagonal
    confusion = table[:, order]
    return confusion, order, np.trace(confusion) / len(labels)


clusters = result.responsibilities.argmax(axis=1)  # (n,) the most responsible component of each image
confusion, order, accuracy = matched_confusion(clusters)
print("component matched with digit 0..9:", order)
print(f"accuracy after the matching: {accuracy:.3f} ({np.trace(confusion)} of {n} images)")
majority = np.array([np.bincount(y[clusters == k], minlength=10).argmax() for k in range(K)])
print("majority digit of component 0..9: ", majority, f"| accuracy with it: {np.mean(majority[clusters] == y):.3f}")
print("digits that are no component's majority:", np.setdiff1d(np.arange(10), majority))

# %% slide="subslide"
fig, ax = plt.subplots(figsize=(6.4, 5.4))
image = ax.imshow(confusion, cmap="Blues")
for i in range(10):
    for j in range(10):
        value = confusion[i, j]
        ax.text(j, i, value, ha="center", va="center", fontsize=8,
                color="white" if value > confusion.max() / 2 else "black")
ax.set(xticks=range(10), yticks=range(10), xlabel="digit of the matched component (component order[c] for digit c)",
       ylabel="true digit", title=f"Bernoulli mixture, K = {K}: confusion matrix (accuracy {accuracy:.3f})")
fig.colorbar(image, ax=ax, label="images")
plt.show()

# %% [markdown] slide="subslide"
# 数字の 0、4、6、7 はほとんどが対角線上にある。はっきりした形の数字は 1 つの成分にまとまるのである。
# 一方で行を見ると、1 の多くは 8 に対応づけられた成分に入り、3 と 5 と 9 の多くは 9 に対応づけられた成分に集まり、
# 2 と 3、3 と 8 も成分を分け合っている。1 対 1 の対応づけでは、1 つの成分は 1 つの数字しか表せないので、
# 「1 の別の書き方」のような成分は正解にならない。
#
# 約 0.70 という正解率は、ラベルを使わない学習としては悪くないが、モデルの良し悪しをそのまま測るものではない。
# EM が最大化したのは対数尤度であって、数字を当てることではない。ベルヌーイ混合は画素の重なり方が似た画像を 1 つのクラスタにまとめ、
# それが人間の「数字」の区別と一致するとは限らないのである。

# %% [markdown] lang="en"
# Most of the digits 0, 4, 6 and 7 lie on the diagonal: a digit with a distinctive shape gathers in one component. Along
# the rows, however, many 1s fall into the component matched with 8, many 3s, 5s and 9s gather in the component matched
# with 9, and 2 and 3, as well as 3 and 8, share components. In a one-to-one matching a component can stand for only one
# digit, so a component such as "another way of writing 1" cannot count as correct.
#
# An accuracy of about 0.70 is not bad for learning without labels, but it does not measure how good the model is.
# What EM maximised is the log-likelihood, not the number of digits recognised. A Bernoulli mixture groups images whose
# pixels overlap in similar ways, and that need not agree with the way people tell digits apart.

# %% [markdown] slide="slide"
# ## 8. 新しい数字を生成する
#
# 混合分布は **生成モデル** である。01 章で混合ガウス分布から点を生成したのと同じく、まず成分 $z \sim \phi$ を選び、
# 次にその成分のプロトタイプに従って各画素を独立に確率 $p_{zi}$ で 1 にすれば、新しい「手書き数字」が得られる。

# %% [markdown] lang="en"
# ## 8. Sampling new digits
#
# A mixture is a **generative model**. Just as chapter 01 generated points from a Gaussian mixture, we first choose a
# component $z \sim \phi$, then switch each pixel on independently with probability $p_{zi}$ given by that component's
# prototype, and obtain a new "handwritten digit".

# %%
rng = np.random.default_rng(12)
z_new = rng.choice(K, size=20, p=result.phi)  # first the component, z ~ phi (chapter 01)
X_new = (rng.random((20, d)) < result.p[z_new]).astype(int)  # then each pixel: on with probability p[z, i]
digit_of = np.argsort(order)  # digit_of[k]: the digit that component k is matched with
fig, axes = plt.subplots(2, 10, figsize=(10, 2.9))
for ax, x, z in zip(axes.ravel(), X_new, z_new):
    ax.imshow(x.reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
    ax.set(title=f"comp {z} ({digit_of[z]})", xticks=[], yticks=[])
    ax.title.set_fontsize(8)
fig.suptitle("Twenty digits sampled from the learned Bernoulli mixture (component, matched digit)")
plt.show()

# %% [markdown] slide="subslide"
# 生成した画像は数字らしく見えるが、本物よりも輪郭が粗く、ところどころに孤立した点が混じる。
# 成分の中では画素が独立なので、モデルは「隣り合う画素はそろって 1 になりやすい」ことを成分の選択 $z$ を通じてしか表せない。
# 灰色の画素 ($p_{zi}$ が 0.5 に近い画素) は 1 つずつ独立にコインを投げて決まるため、画像がざらつくのである。

# %% [markdown] lang="en"
# The samples look like digits, but their outlines are rougher than real ones and isolated pixels appear here and there.
# Within a component the pixels are independent, so the model can express "neighbouring pixels tend to be on together"
# only through the choice of the component $z$. Each grey pixel ($p_{zi}$ near 0.5) tosses its own coin, and the image comes
# out grainy.

# %% [markdown] slide="slide"
# ## 9. k-means と比べる
#
# 同じ二値データに scikit-learn の `KMeans` を当てはめる。k-means の M ステップ (中心の更新) は、負担率を 0 か 1 に
# 限った 3 節の $\mathbf{p}_k$ の式そのものである。違いは E ステップにある。k-means は二乗ユークリッド距離
# (中心も 0 と 1 だけからなるなら、一致しない画素の数) がいちばん小さい中心に各画像を割り当てる。ベルヌーイ混合は $\ln p(\mathbf{x} \mid \mathbf{p}_k)$ を使うので、
# プロトタイプがはっきり 0 か 1 を示す画素での不一致を重く、灰色の画素での不一致を軽く数え、しかも割り当てが柔らかい。

# %% [markdown] lang="en"
# ## 9. Comparison with k-means
#
# We fit scikit-learn's `KMeans` to the same binary data. The M-step of k-means (updating the centres) is exactly the formula
# for $\mathbf{p}_k$ of Section 3 with the responsibilities restricted to 0 and 1. The difference is in the E-step. k-means
# assigns each image to the centre at the smallest squared Euclidean distance (for binary data and a centre of 0s and 1s,
# the number of pixels that differ). The Bernoulli mixture uses $\ln p(\mathbf{x} \mid \mathbf{p}_k)$: a mismatch at a pixel where the prototype is
# clearly 0 or 1 weighs heavily, one at a grey pixel lightly, and the assignment is soft.

# %%
kmeans = KMeans(n_clusters=K, n_init=10, random_state=0).fit(X)
confusion_km, order_km, accuracy_km = matched_confusion(kmeans.labels_)
both = np.zeros((K, K), dtype=int)
np.add.at(both, (clusters, kmeans.labels_), 1)
rows, columns = linear_sum_assignment(-both)  # match the two clusterings with each other
print(f"accuracy after the matching: Bernoulli mixture {accuracy:.3f}, k-means {accuracy_km:.3f}")
print(f"images on which the two clusterings agree (after matching them): {100 * both[rows, columns].sum() / n:.1f} %")
print("largest |k-means centre - prototype| per digit:",
      np.round(np.abs(kmeans.cluster_centers_[order_km] - result.p[order]).max(axis=1), 2))

# %% slide="subslide"
fig, axes = plt.subplots(2, 10, figsize=(10, 2.8))
for c in range(10):
    axes[0, c].imshow(result.p[order[c]].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
    axes[1, c].imshow(kmeans.cluster_centers_[order_km[c]].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
    axes[0, c].set_title(f"digit {c}", fontsize=8)
for ax in axes.ravel():
    ax.set(xticks=[], yticks=[])
axes[0, 0].set_ylabel("Bernoulli", fontsize=8)
axes[1, 0].set_ylabel("k-means", fontsize=8)
fig.suptitle("Prototypes matched with each digit: Bernoulli mixture (top) and k-means (bottom)")
plt.show()

# %% [markdown] slide="subslide"
# 2 つの方法の割り当ては 8 割強の画像で一致し、多くの数字でプロトタイプと中心はよく似ている。違いが大きいのは 3 と 9 の列である。
# ベルヌーイ混合では 3 に対応づけられた成分が 3 と 8 の中間のような形になり、9 に対応づけられた成分が 3 と 5 と 9 をまとめて受け持っている
# (8 に対応づけられた成分は、実際には太い 1 の形である)。これに対して k-means は 3 の中心を別に作った。この例では k-means の正解率のほうが高い。対数尤度の高い解が、数字の区別により合うとは限らない
# (7 節)。どちらの方法も局所最適解と初期値の影響を受けるので、シードを変えると順位が入れ替わることもある。
#
# 一方で、ベルヌーイ混合には k-means にない利点がある。各画像がどの成分にどの程度属するかという負担率と、
# 8 節のように新しいデータを生成できる確率モデルが得られることである。

# %% [markdown] lang="en"
# The two methods assign more than 80 % of the images alike, and for most digits the prototype and the centre look much the
# same. The columns of 3 and 9 differ most. In the Bernoulli mixture the component matched with 3 looks halfway between a 3
# and an 8, and the component of 9 takes on 3s, 5s and 9s together (the component matched with 8 is in fact a thick 1),
# whereas k-means made a centre of its own for 3. In this example k-means
# has the higher accuracy: a solution with a higher log-likelihood need not separate the digits better (Section 7). Both
# methods depend on local optima and on their starts, and other seeds can swap the ranking.
#
# The Bernoulli mixture does give what k-means does not: responsibilities that say how much each image belongs to each
# component, and a probability model that can generate new data, as in Section 8.

# %% [markdown] slide="slide"
# ## まとめ
#
# - EM の手順は成分の分布によらない。E ステップで $z$ の事後分布 (負担率) を求め、M ステップで負担率を重みとした最尤推定を行う。
# - ベルヌーイ分布の対数確率は $\ln p(\mathbf{x} \mid \mathbf{p}_k) = \sum_i [x_i \ln p_{ki} + (1 - x_i) \ln(1 - p_{ki})]$ であり、
#   行列積 2 つで計算できる。画素の確率の積は $D = 64$ で 0 にアンダーフローしうるので、対数の和で計算する。
# - ベルヌーイ成分の M ステップは $\phi_k = N_k / N$、$\mathbf{p}_k = \sum_n \gamma_{nk} \mathbf{x}_n / N_k$ (負担率で重みをつけた画像の平均) である。
#   一度も 1 にならない画素は $p_{ki} = 0$ になるので、擬似カウント $\alpha$ で 0 と 1 から離す。
# - 二値化した手書き数字に $K = 10$ のベルヌーイ混合を当てはめると、ラベルなしで数字らしいプロトタイプが得られる。
#   最適な対応づけの後の正解率は約 0.70 で、似た数字をまとめる成分や同じ数字を分ける成分がある。
# - 混合分布は生成モデルであり、$z \sim \phi$、$x_i \sim \mathrm{Bernoulli}(p_{zi})$ で新しい数字を生成できる。
# - k-means は割り当てを 0/1 に限った同じ M ステップをもつ。その中心はプロトタイプとよく似ており、正解率だけでは優劣は決まらない。

# %% [markdown] lang="en"
# ## Summary
#
# - The EM recipe does not depend on the components' distribution: the E-step computes the posterior over $z$ (the
#   responsibilities), the M-step does maximum likelihood with the responsibilities as weights.
# - The log-probability of a Bernoulli component is $\ln p(\mathbf{x} \mid \mathbf{p}_k) = \sum_i [x_i \ln p_{ki} + (1 - x_i) \ln(1 - p_{ki})]$,
#   two matrix products. The product of the pixel probabilities can underflow to 0 for $D = 64$, so compute the sum of the logs.
# - The M-step for Bernoulli components is $\phi_k = N_k / N$, $\mathbf{p}_k = \sum_n \gamma_{nk} \mathbf{x}_n / N_k$ (the average
#   image weighted by the responsibilities). A pixel that is never on gets $p_{ki} = 0$, so a pseudo-count $\alpha$ keeps
#   the probabilities away from 0 and 1.
# - A Bernoulli mixture with $K = 10$ on binarised handwritten digits learns digit-like prototypes without labels. The
#   accuracy after an optimal matching is about 0.70: some components gather similar digits, others split one digit.
# - A mixture is a generative model: $z \sim \phi$, then $x_i \sim \mathrm{Bernoulli}(p_{zi})$ generates new digits.
# - k-means has the same M-step with the assignments restricted to 0 and 1. Its centres look much like the prototypes, and
#   accuracy alone does not decide which method is better.

# %% [markdown] slide="slide"
# ## 演習
#
# これまでの章と同じく、ひな形のセルを書き換えて実行し、次のセルで採点関数を実行する。

# %% [markdown] lang="en"
# ## Exercises
#
# As in the earlier chapters, edit the template cell, run it, and then run the checker in the next cell.

# %% [markdown] tags=["solution-note"] slide="skip"
# 解答例は折りたたまれたセルにある。

# %% [markdown] lang="en" tags=["solution-note"]
# Worked solutions are in the collapsed cells.

# %% [markdown]
# ### 演習 1: ベルヌーイ分布の対数確率
#
# 二値データ `X` (形 $(N, D)$、要素は 0 か 1) とプロトタイプ `p` (形 $(K, D)$、要素は 0 と 1 の間) を受け取り、
# 要素 $[n, k]$ が $\ln p(\mathbf{x}_n \mid \mathbf{p}_k)$ である配列 (形 $(N, K)$) を返す関数 `bernoulli_log_pdf(X, p)` を書け。
# 採点関数は最後に $D = 64$ 画素で $p_{ki}$ が 0 や 1 にごく近いケースを試す。画素ごとの確率の積をとってから対数をとると、
# そこで何が起きるかも確かめよ。

# %% [markdown] lang="en"
# ### Exercise 1: the log-probability of a Bernoulli distribution
#
# Write a function `bernoulli_log_pdf(X, p)` that takes binary data `X` (shape $(N, D)$, entries 0 or 1) and prototypes `p`
# (shape $(K, D)$, entries between 0 and 1) and returns the array (shape $(N, K)$) whose element $[n, k]$ is
# $\ln p(\mathbf{x}_n \mid \mathbf{p}_k)$. The checker ends with a case of $D = 64$ pixels whose $p_{ki}$ lie very close to
# 0 and 1. Find out what happens there if you take the product of the pixel probabilities first and its log afterwards.

# %% slide="skip"
def bernoulli_log_pdf(X, p):
    """ln p(x_n | p_k) for binary X (n, d) and prototypes p (K, d): an (n, K) array."""
    # TODO: one term for the pixels that are 1 and one for the pixels that are 0
    return None

# %% slide="skip"
gt.checks.check_bernoulli_log_pdf(bernoulli_log_pdf)

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/12_bernoulli_mixtures.py#bernoulli_log_pdf

# %% [markdown] slide="subslide"
# ### 演習 2: ベルヌーイ成分の M ステップ
#
# 二値データ `X` (形 $(N, D)$) と負担率 `responsibilities` (形 $(N, K)$、各行の和は 1) を受け取り、
# 混合係数 `phi` $(K,)$ とプロトタイプ `p` $(K, D)$ を組 `(phi, p)` で返す関数 `bernoulli_m_step(X, responsibilities)` を書け。
# 擬似カウント $\alpha$ は足さない (素の最尤推定)。書けたら、次の 2 つにも答えよ。
#
# 1. 負担率を各行の最大の成分だけ 1、ほかを 0 に置き換えてから `bernoulli_m_step` を呼ぶと、何が計算されるか。9 節の k-means と比べよ。
# 2. 5 節の `responsibilities` (乱数の初期値からの E ステップ) に対して、あなたの `bernoulli_m_step` の `p` に 0 ちょうどの要素がいくつあるか数え、
#    それがどの画素かを説明せよ。$\alpha = 10^{-6}$ を足すと、その画素が 1 である画像の対数確率に、その画素の項 $\ln p_{ki}$ はおよそいくつ寄与するか。

# %% [markdown] lang="en"
# ### Exercise 2: the M-step for Bernoulli components
#
# Write a function `bernoulli_m_step(X, responsibilities)` that takes binary data `X` (shape $(N, D)$) and the
# responsibilities `responsibilities` (shape $(N, K)$, each row summing to 1) and returns the mixing coefficients `phi` $(K,)$
# and the prototypes `p` $(K, D)$ as a tuple `(phi, p)`. Do not add the pseudo-count $\alpha$ (plain maximum likelihood).
# When it works, answer two more questions.
#
# 1. If you replace the responsibilities by 1 for each row's largest component and 0 elsewhere before calling
#    `bernoulli_m_step`, what does it compute? Compare with k-means in Section 9.
# 2. For the responsibilities `responsibilities` of Section 5 (the E-step from the random start), count the entries of your
#    `bernoulli_m_step`'s `p` that are exactly 0 and say which pixels they are. With $\alpha = 10^{-6}$ added, about how
#    much does such a pixel, when it is on, add to the image's log-probability (its term $\ln p_{ki}$)?

# %% slide="skip"
def bernoulli_m_step(X, responsibilities):
    """Maximum-likelihood phi (K,) and prototypes p (K, d) from binary X (n, d) and responsibilities (n, K)."""
    # TODO: N_k, then phi and p (the weighted average image)
    return None

# %% slide="skip"
gt.checks.check_bernoulli_m_step(bernoulli_m_step)

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/12_bernoulli_mixtures.py#bernoulli_m_step

# %% [markdown]
# これで本シリーズは終わりである。章の一覧は [00 はじめに](00_introduction.ipynb) にある。この先は PRML の 9 章
# (混合モデルと EM、9.4 節の一般の EM) と 10 章 (変分推論、変分混合ガウス分布) に進むとよい。

# %% [markdown] lang="en"
# This is the end of the series. The list of chapters is in [00 Introduction](00_introduction.ipynb). To go further, read
# chapters 9 (mixture models and EM, with EM in general in Section 9.4) and 10 (variational inference and the variational
# Gaussian mixture) of PRML.
