# %% [markdown] slide="slide"
# # 04 M ステップ ── 負担率で重みをつけた最尤推定
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/04_m_step.ipynb) (インストール不要。Google アカウントで実行できる)
#
# E ステップ (03 章) では、現在のパラメータのもとで各点の負担率 $\gamma_{nk}$ を求めた。
# M ステップでは逆に、負担率を固定したうえでパラメータ $\phi_k, \boldsymbol{\mu}_k, \Sigma_k$ を更新する。
# 結果は「各点を重み $\gamma_{nk}$ で数えた平均と共分散行列」という素直な形になるが、
# この章ではそれが何を最大化した結果なのかを式で導き、数行の実装で確かめる。
#
# **この章で学ぶこと**
# - M ステップが最大化する量 (完全データの対数尤度の期待値 $Q$) と、それを最大化する $N_k, \phi_k, \boldsymbol{\mu}_k, \Sigma_k$ の導出
#   (行列の微分公式、ラグランジュの未定乗数法)
# - M ステップを数行で書き、`gt.m_step` と照合すること
# - 負担率が 0 か 1 のときは普通の標本平均と「$N_k$ で割る」共分散行列になること、`np.cov` (既定は $N_k - 1$ で割る) との違い
# - 1 回の M ステップで楕円がどう動くか、E と M の 1 往復で対数尤度が減らない理由
# - `reg_covar` が必要になる理由 (1 点だけを受け持つ成分の退化)
#
# **前提**: [02 ガウス分布の確率密度](02_gaussian_pdf.ipynb) (多変量正規分布の対数密度)、
# [03 E ステップ](03_e_step.ipynb) (負担率、対数尤度)、線形代数 (逆行列、行列式、転置)、
# 多変数の微分とラグランジュの未定乗数法。

# %% [markdown] lang="en"
# # 04 The M-step: maximum likelihood with the responsibilities as weights
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/04_m_step.ipynb) (nothing to install; runs with a Google account)
#
# In the E-step (chapter 03) we computed the responsibilities $\gamma_{nk}$ of every point under the current parameters.
# The M-step works the other way round: it holds the responsibilities fixed and updates the parameters $\phi_k, \boldsymbol{\mu}_k, \Sigma_k$.
# The result has a plain form, "the mean and the covariance matrix with each point counted with weight $\gamma_{nk}$",
# but in this chapter we derive what it is that this result maximises, and confirm it with a few lines of code.
#
# **What you will learn**
# - What the M-step maximises (the expected complete-data log-likelihood $Q$), and how to derive the $N_k, \phi_k, \boldsymbol{\mu}_k, \Sigma_k$ that maximise it
#   (matrix derivative identities, the method of Lagrange multipliers)
# - How to write the M-step in a few lines and check it against `gt.m_step`
# - That with responsibilities of 0 or 1 it gives the ordinary sample mean and a covariance matrix "divided by $N_k$", and how this differs from `np.cov` (which divides by $N_k - 1$ by default)
# - How one M-step moves the ellipses, and why one round of E and M never decreases the log-likelihood
# - Why `reg_covar` is needed (a component that takes on a single point degenerates)
#
# **Prerequisites**: [02 The Gaussian density](02_gaussian_pdf.ipynb) (the log density of the multivariate normal distribution),
# [03 The E-step](03_e_step.ipynb) (responsibilities, the log-likelihood), linear algebra (inverse, determinant, transpose),
# differentiation in several variables and the method of Lagrange multipliers.

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
# ## 1. M ステップは何を最大化するのか
#
# 本来最大化したいのは対数尤度
#
# $$
# \ln p(X \mid \theta) = \sum_{n=1}^{N} \ln \sum_{k=1}^{K} \phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)
# $$
#
# である。しかし対数の中に和があるため、パラメータで微分して 0 とおいても各成分の式が互いに絡み合い、解を式で書き下せない。
#
# もし各点を生んだ成分 $z_n$ が分かっていれば話は簡単である。$z_{nk}$ を「$z_n = k$ なら 1、そうでなければ 0」とすると、
# $X$ と $Z$ を合わせた **完全データ** の対数尤度は
#
# $$
# \ln p(X, Z \mid \theta) = \sum_{n=1}^{N} \sum_{k=1}^{K} z_{nk} \bigl[ \ln \phi_k + \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k) \bigr]
# $$
#
# となり、対数が各ガウス分布に直接かかるので、成分ごとに独立に最大化できる。
# 実際には $z_{nk}$ は観測されないが、E ステップで求めた事後分布のもとでのその期待値は
# $\mathbb{E}[z_{nk}] = p(z_n = k \mid \mathbf{x}_n, \theta^{\text{old}}) = \gamma_{nk}$ である。
# そこで $z_{nk}$ を $\gamma_{nk}$ で置き換えた
#
# $$
# Q(\theta) = \sum_{n=1}^{N} \sum_{k=1}^{K} \gamma_{nk} \bigl[ \ln \phi_k + \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k) \bigr]
# $$
#
# (完全データの対数尤度の期待値) を $\theta = (\phi, \mu, \Sigma)$ について最大化する。これが M ステップである。
# $\gamma_{nk}$ は古いパラメータ $\theta^{\text{old}}$ で計算済みの **定数** であり、M ステップの間は動かさない。
# $Q$ を最大化すると本来の対数尤度が減らないことは 6 節で示す。

# %% [markdown] lang="en"
# ## 1. What does the M-step maximise?
#
# What we would really like to maximise is the log-likelihood
#
# $$
# \ln p(X \mid \theta) = \sum_{n=1}^{N} \ln \sum_{k=1}^{K} \phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)
# $$
#
# However, because there is a sum inside the logarithm, setting its derivatives with respect to the parameters to zero gives equations in which all the components are entangled, and the solution cannot be written down in closed form.
#
# If we knew the component $z_n$ that generated each point, things would be easy. Let $z_{nk}$ be 1 if $z_n = k$ and 0 otherwise.
# Then the log-likelihood of the **complete data**, $X$ and $Z$ together, is
#
# $$
# \ln p(X, Z \mid \theta) = \sum_{n=1}^{N} \sum_{k=1}^{K} z_{nk} \bigl[ \ln \phi_k + \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k) \bigr]
# $$
#
# Here the logarithm acts directly on each Gaussian, so each component can be maximised on its own.
# In reality $z_{nk}$ is not observed, but its expected value under the posterior distribution computed in the E-step is
# $\mathbb{E}[z_{nk}] = p(z_n = k \mid \mathbf{x}_n, \theta^{\text{old}}) = \gamma_{nk}$.
# So we replace $z_{nk}$ by $\gamma_{nk}$ and maximise
#
# $$
# Q(\theta) = \sum_{n=1}^{N} \sum_{k=1}^{K} \gamma_{nk} \bigl[ \ln \phi_k + \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k) \bigr]
# $$
#
# (the expected complete-data log-likelihood) with respect to $\theta = (\phi, \mu, \Sigma)$. This is the M-step.
# The $\gamma_{nk}$ have already been computed with the old parameters $\theta^{\text{old}}$; they are **constants** and do not change during the M-step.
# Section 6 shows that maximising $Q$ never decreases the actual log-likelihood.

# %% [markdown] slide="notes"
# ## 2. 更新式の導出
#
# 以下、$\Sigma_k$ は対称で正定値とし、成分 $k$ の **実効的な点数** を
#
# $$
# N_k = \sum_{n=1}^{N} \gamma_{nk}, \qquad \sum_{k=1}^{K} N_k = N
# $$
#
# とおく (各行の負担率の和が 1 なので、$N_k$ を全成分で足すと $N$ になる)。
# $D$ 次元の正規分布の対数密度は
# $\ln \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}, \Sigma) = -\frac{D}{2} \ln 2\pi - \frac{1}{2} \ln |\Sigma| - \frac{1}{2} (\mathbf{x} - \boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x} - \boldsymbol{\mu})$
# である。用いる行列の微分公式は次の 3 つである ($A$ は対称行列、$\Sigma$ は対称正定値行列、$\mathbf{a}$ は定数ベクトル)。
#
# $$
# \text{(i)}\ \frac{\partial}{\partial \mathbf{v}} \, \mathbf{v}^\top A \mathbf{v} = 2 A \mathbf{v}, \qquad
# \text{(ii)}\ \frac{\partial}{\partial \Sigma} \ln |\Sigma| = \Sigma^{-1}, \qquad
# \text{(iii)}\ \frac{\partial}{\partial \Sigma} \, \mathbf{a}^\top \Sigma^{-1} \mathbf{a} = -\Sigma^{-1} \mathbf{a} \mathbf{a}^\top \Sigma^{-1}
# $$
#
# (ii) と (iii) は $\Sigma$ の成分を互いに独立な変数とみなしたときの公式である。対称性を考慮して微分しても停留点は同じになる。
#
# **平均 $\boldsymbol{\mu}_k$.** $Q$ のうち $\boldsymbol{\mu}_k$ を含むのは $-\frac{1}{2} \sum_n \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k)^\top \Sigma_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k)$ だけである。
# (i) と連鎖律 ($\mathbf{v} = \mathbf{x}_n - \boldsymbol{\mu}_k$ の $\boldsymbol{\mu}_k$ による微分は $-I$) より
#
# $$
# \frac{\partial Q}{\partial \boldsymbol{\mu}_k} = \sum_{n} \gamma_{nk} \, \Sigma_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k) = \mathbf{0} .
# $$
#
# 左から $\Sigma_k$ を掛けると $\sum_n \gamma_{nk} \mathbf{x}_n = N_k \boldsymbol{\mu}_k$、すなわち
#
# $$
# \boldsymbol{\mu}_k = \frac{1}{N_k} \sum_{n=1}^{N} \gamma_{nk} \, \mathbf{x}_n .
# $$
#
# **共分散行列 $\Sigma_k$.** $Q$ のうち $\Sigma_k$ を含むのは $\sum_n \gamma_{nk} \bigl[ -\frac{1}{2} \ln |\Sigma_k| - \frac{1}{2} (\mathbf{x}_n - \boldsymbol{\mu}_k)^\top \Sigma_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k) \bigr]$ である。
# (ii) と (iii) より
#
# $$
# \frac{\partial Q}{\partial \Sigma_k} = \sum_{n} \gamma_{nk} \Bigl[ -\frac{1}{2} \Sigma_k^{-1} + \frac{1}{2} \Sigma_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top \Sigma_k^{-1} \Bigr] = O .
# $$
#
# 左右から $\Sigma_k$ を掛けると $-N_k \Sigma_k + \sum_n \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top = O$、すなわち
#
# $$
# \Sigma_k = \frac{1}{N_k} \sum_{n=1}^{N} \gamma_{nk} \, (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top
# $$
#
# であり、$\boldsymbol{\mu}_k$ には上で求めた新しい平均を使う。割る数が $N_k - 1$ ではなく $N_k$ であることに注意する (4 節)。
#
# **混合係数 $\phi_k$.** $\phi_k$ には制約 $\sum_k \phi_k = 1$ があるので、ラグランジュの未定乗数 $\lambda$ を導入して
# $L = Q - \lambda \bigl( \sum_k \phi_k - 1 \bigr)$ の停留点を求める。$Q$ のうち $\phi_k$ を含むのは $\sum_n \gamma_{nk} \ln \phi_k = N_k \ln \phi_k$ だけなので
#
# $$
# \frac{\partial L}{\partial \phi_k} = \frac{N_k}{\phi_k} - \lambda = 0 \quad \Longrightarrow \quad \phi_k = \frac{N_k}{\lambda} .
# $$
#
# これを制約に代入すると $1 = \sum_k N_k / \lambda = N / \lambda$ より $\lambda = N$ であり、
#
# $$
# \phi_k = \frac{N_k}{N}
# $$
#
# を得る ($\phi_k \ge 0$ も自動的に満たされる)。
#
# まとめると、M ステップは **各点を重み $\gamma_{nk}$ で数えた最尤推定** である:
# $\phi_k$ は全体に占める実効的な点数の割合、$\boldsymbol{\mu}_k$ は重み付き標本平均、$\Sigma_k$ は重み付き標本共分散行列である。

# %% [markdown] lang="en"
# ## 2. Deriving the update equations
#
# From here on, $\Sigma_k$ is symmetric and positive definite, and we write the **effective number of points** of component $k$ as
#
# $$
# N_k = \sum_{n=1}^{N} \gamma_{nk}, \qquad \sum_{k=1}^{K} N_k = N
# $$
#
# (each row of responsibilities sums to 1, so adding up $N_k$ over all components gives $N$).
# The log density of a $D$-dimensional normal distribution is
# $\ln \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}, \Sigma) = -\frac{D}{2} \ln 2\pi - \frac{1}{2} \ln |\Sigma| - \frac{1}{2} (\mathbf{x} - \boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x} - \boldsymbol{\mu})$.
# We need three matrix derivative identities ($A$ is a symmetric matrix, $\Sigma$ a symmetric positive definite matrix and $\mathbf{a}$ a constant vector):
#
# $$
# \text{(i)}\ \frac{\partial}{\partial \mathbf{v}} \, \mathbf{v}^\top A \mathbf{v} = 2 A \mathbf{v}, \qquad
# \text{(ii)}\ \frac{\partial}{\partial \Sigma} \ln |\Sigma| = \Sigma^{-1}, \qquad
# \text{(iii)}\ \frac{\partial}{\partial \Sigma} \, \mathbf{a}^\top \Sigma^{-1} \mathbf{a} = -\Sigma^{-1} \mathbf{a} \mathbf{a}^\top \Sigma^{-1}
# $$
#
# (ii) and (iii) treat the entries of $\Sigma$ as independent variables. Differentiating with the symmetry taken into account leads to the same stationary point.
#
# **The mean $\boldsymbol{\mu}_k$.** The only part of $Q$ that contains $\boldsymbol{\mu}_k$ is $-\frac{1}{2} \sum_n \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k)^\top \Sigma_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k)$.
# By (i) and the chain rule (the derivative of $\mathbf{v} = \mathbf{x}_n - \boldsymbol{\mu}_k$ with respect to $\boldsymbol{\mu}_k$ is $-I$),
#
# $$
# \frac{\partial Q}{\partial \boldsymbol{\mu}_k} = \sum_{n} \gamma_{nk} \, \Sigma_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k) = \mathbf{0} .
# $$
#
# Multiplying on the left by $\Sigma_k$ gives $\sum_n \gamma_{nk} \mathbf{x}_n = N_k \boldsymbol{\mu}_k$, that is,
#
# $$
# \boldsymbol{\mu}_k = \frac{1}{N_k} \sum_{n=1}^{N} \gamma_{nk} \, \mathbf{x}_n .
# $$
#
# **The covariance matrix $\Sigma_k$.** The part of $Q$ that contains $\Sigma_k$ is $\sum_n \gamma_{nk} \bigl[ -\frac{1}{2} \ln |\Sigma_k| - \frac{1}{2} (\mathbf{x}_n - \boldsymbol{\mu}_k)^\top \Sigma_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k) \bigr]$.
# By (ii) and (iii),
#
# $$
# \frac{\partial Q}{\partial \Sigma_k} = \sum_{n} \gamma_{nk} \Bigl[ -\frac{1}{2} \Sigma_k^{-1} + \frac{1}{2} \Sigma_k^{-1} (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top \Sigma_k^{-1} \Bigr] = O .
# $$
#
# Multiplying by $\Sigma_k$ on the left and on the right gives $-N_k \Sigma_k + \sum_n \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top = O$, that is,
#
# $$
# \Sigma_k = \frac{1}{N_k} \sum_{n=1}^{N} \gamma_{nk} \, (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top
# $$
#
# where $\boldsymbol{\mu}_k$ is the new mean we have just found. Note that we divide by $N_k$, not by $N_k - 1$ (Section 4).
#
# **The mixing coefficients $\phi_k$.** The $\phi_k$ are subject to the constraint $\sum_k \phi_k = 1$, so we introduce a Lagrange multiplier $\lambda$ and look for the stationary point of
# $L = Q - \lambda \bigl( \sum_k \phi_k - 1 \bigr)$. The only part of $Q$ that contains $\phi_k$ is $\sum_n \gamma_{nk} \ln \phi_k = N_k \ln \phi_k$, so
#
# $$
# \frac{\partial L}{\partial \phi_k} = \frac{N_k}{\phi_k} - \lambda = 0 \quad \Longrightarrow \quad \phi_k = \frac{N_k}{\lambda} .
# $$
#
# Substituting this into the constraint gives $1 = \sum_k N_k / \lambda = N / \lambda$, so $\lambda = N$ and
#
# $$
# \phi_k = \frac{N_k}{N}
# $$
#
# ($\phi_k \ge 0$ then holds automatically).
#
# In short, the M-step is **maximum likelihood estimation with each point counted with weight $\gamma_{nk}$**:
# $\phi_k$ is the component's share of the effective number of points, $\boldsymbol{\mu}_k$ is the weighted sample mean and $\Sigma_k$ is the weighted sample covariance matrix.

# %% [markdown] slide="slide"
# ## 3. M ステップを書く
#
# 03 章と同じデータと初期パラメータから、E ステップを 1 回行って負担率を求めておく (E ステップは `gt.e_step` を使う)。

# %% [markdown] lang="en"
# ## 3. Writing the M-step
#
# We start from the same data and initial parameters as in chapter 03 and run one E-step to get the responsibilities (for the E-step we use `gt.e_step`).

# %%
X = gt.textbook_data()
params = gt.init_params(X, 3, init="textbook", seed=11, reg_covar=0.0)
responsibilities, ll_before = gt.e_step(X, params)  # (n, K) and the log-likelihood at params
n, d = X.shape
K = responsibilities.shape[1]
print("responsibilities:", responsibilities.shape)
print("first 3 rows:\n", np.round(responsibilities[:3], 4))

# %% [markdown] slide="subslide"
# 更新式をそのまま書くと次のようになる。教科書のコードの M ステップと同じである。

# %% [markdown] lang="en"
# Written out directly, the update equations look like this. It is the same as the M-step in the textbook's code.

# %%
N_k = responsibilities.sum(axis=0)  # (K,) effective number of points
phi = N_k / n  # (K,)
mu = responsibilities.T @ X / N_k[:, None]  # (K, d) weighted means
sigma = np.zeros((K, d, d))
for k in range(K):
    diff = X - mu[k]  # (n, d) x_n - mu_k, with the new mean
    sigma[k] = (responsibilities[:, k, None] * diff).T @ diff / N_k[k]  # weighted covariance, divided by N_k

print("N_k =", np.round(N_k, 2), " sum =", f"{N_k.sum():.2f}")
print("phi =", np.round(phi, 4))
print("mu =\n", np.round(mu, 4))

# %% [markdown] slide="subslide"
# 式と配列の対応を確かめておく。`responsibilities.T @ X` は $(K, N)$ と $(N, D)$ の積で、その第 $k$ 行が $\sum_n \gamma_{nk} \mathbf{x}_n$ である。
# `(responsibilities[:, k, None] * diff).T @ diff` は、各行 $\mathbf{x}_n - \boldsymbol{\mu}_k$ に $\gamma_{nk}$ を **片側だけ** 掛けてから
# 積をとることで $\sum_n \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top$ を計算している (両側に掛けると $\gamma_{nk}^2$ になってしまう)。
# $N_k$ の和はたしかに $N = 1000$ である。パッケージの `gt.m_step` と照合する (`reg_covar=0.0` については 7 節で述べる)。

# %% [markdown] lang="en"
# Let us check how the formulas map onto the arrays. `responsibilities.T @ X` is the product of a $(K, N)$ and an $(N, D)$ array, and its $k$-th row is $\sum_n \gamma_{nk} \mathbf{x}_n$.
# `(responsibilities[:, k, None] * diff).T @ diff` multiplies each row $\mathbf{x}_n - \boldsymbol{\mu}_k$ by $\gamma_{nk}$ on **one side only** and then takes the product,
# which computes $\sum_n \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top$ (weighting both sides would give $\gamma_{nk}^2$).
# The $N_k$ do add up to $N = 1000$. Now we compare with the package's `gt.m_step` (Section 7 explains `reg_covar=0.0`).

# %%
new = gt.m_step(X, responsibilities, reg_covar=0.0)
print("phi:  ", np.allclose(phi, new.phi))
print("mu:   ", np.allclose(mu, new.mu))
print("sigma:", np.allclose(sigma, new.sigma))

# %% [markdown]
# 3 つとも一致した。以下では、自分で書いた M ステップと同じものとして `gt.m_step` を使う。

# %% [markdown] lang="en"
# All three agree. From here on we use `gt.m_step` as a stand-in for the M-step we wrote ourselves.

# %% [markdown] slide="slide"
# ## 4. 負担率が 0 か 1 のとき: 標本平均と「$N_k$ で割る」共分散行列
#
# 負担率が 0 か 1 しかとらない (各点がちょうど 1 つの成分に属する) とき、M ステップは何になるだろうか。
# 教科書のデータは各点を生んだ成分 (真のラベル) $z_n$ が分かっているので、それを 0/1 の負担率にして確かめる。

# %% [markdown] lang="en"
# ## 4. Responsibilities of 0 or 1: the sample mean and a covariance matrix "divided by $N_k$"
#
# What does the M-step become when the responsibilities are only ever 0 or 1 (each point belongs to exactly one component)?
# For the textbook data we know the component $z_n$ that generated each point (its true label), so we turn the labels into 0/1 responsibilities and find out.

# %%
X, z = gt.textbook_data(return_labels=True)  # the same X, and the true component of each point
one_hot = np.eye(K)[z]  # (n, K): gamma_nk = 1 if z_n = k, else 0
hard = gt.m_step(X, one_hot, reg_covar=0.0)
for k in range(K):
    X_k = X[z == k]  # the points of component k
    print(f"k = {k}: N_k = {len(X_k)},",
          "mu = sample mean:", np.allclose(hard.mu[k], X_k.mean(axis=0)), "|",
          "sigma = np.cov(ddof=0):", np.allclose(hard.sigma[k], np.cov(X_k, rowvar=False, ddof=0)), "|",
          "sigma = np.cov(ddof=1):", np.allclose(hard.sigma[k], np.cov(X_k, rowvar=False, ddof=1)))

# %% [markdown] slide="subslide"
# 平均は各成分に属する点の普通の標本平均になり、共分散行列は $N_k$ で割る標本共分散行列 (`np.cov` の `ddof=0`) と一致する。
# 一方、`np.cov` の既定 (`ddof=1`) は $N_k - 1$ で割る **不偏推定** であり、M ステップの結果とは一致しない。
# 両者の比は $N_k / (N_k - 1)$ であるはずなので、数値で確かめる。

# %% [markdown] lang="en"
# The means become the ordinary sample means of the points in each component, and the covariance matrices agree with the sample covariance matrix divided by $N_k$ (`ddof=0` in `np.cov`).
# The default of `np.cov` (`ddof=1`), on the other hand, is the **unbiased estimate**, which divides by $N_k - 1$, and it does not agree with the M-step.
# The ratio of the two should be $N_k / (N_k - 1)$; let us check this numerically.

# %%
for X_k in [X[z == 0], X[z == 0][:5]]:  # all 300 points of component 0, then only its first 5
    N = len(X_k)
    ml = gt.m_step(X_k, np.ones((N, 1)), reg_covar=0.0).sigma[0]  # one component holding every point
    unbiased = np.cov(X_k, rowvar=False)  # ddof=1 by default
    print(f"N_k = {N:3d}: np.cov / M-step = {np.round(unbiased / ml, 4).ravel()},  N_k / (N_k - 1) = {N / (N - 1):.4f}")

# %% [markdown]
# どちらの場合も比は $N_k / (N_k - 1)$ ちょうどである。$N_k = 300$ なら差は 0.3 % にすぎないが、$N_k = 5$ では 25 % にもなる。
#
# 最尤推定が $N_k$ で割るのは、$Q$ を最大化した結果だからである。最尤推定の共分散行列は、同じ点から推定した平均を使うぶん真の値を平均的に小さく見積もる
# (期待値が真の値の $(N_k - 1)/N_k$ 倍になる) ことが知られており、これを補正したのが不偏推定である。
# しかし M ステップの役割は $Q$ を最大化することであり、不偏推定に置き換えると 6 節で見る「対数尤度が減らない」保証が失われる。
# さらに、柔らかい負担率では $N_k$ が 1 未満になることもあり、そのとき $N_k - 1$ で割ると負の「分散」ができてしまう。
# 教科書のコードも `/ N_k[j]` と $N_k$ で割っている。`np.cov` を使って M ステップを書くときは、この違いに注意が要る (演習 2)。

# %% [markdown] lang="en"
# In both cases the ratio is exactly $N_k / (N_k - 1)$. With $N_k = 300$ the difference is only 0.3 %, but with $N_k = 5$ it is as large as 25 %.
#
# Maximum likelihood divides by $N_k$ because that is what maximising $Q$ gives. It is well known that the maximum likelihood covariance matrix, because it uses a mean estimated from the same points, underestimates the true value on average
# (its expected value is $(N_k - 1)/N_k$ times the true value); the unbiased estimate corrects for this.
# But the job of the M-step is to maximise $Q$, and replacing its result with the unbiased estimate would lose the guarantee, shown in Section 6, that the log-likelihood never decreases.
# Moreover, with soft responsibilities $N_k$ can be smaller than 1, and dividing by $N_k - 1$ would then produce a negative "variance".
# The textbook's code also divides by $N_k$ (`/ N_k[j]`). If you write the M-step with `np.cov`, watch out for this difference (Exercise 2).

# %% [markdown] slide="slide"
# ## 5. 1 回の M ステップで楕円はどう動くか
#
# 3 節で計算した 1 回目の M ステップの前後を図で比べる。成分は 03 章と同様に配列の添字で 0 から数え (コードの成分 0 が式の $k = 1$ に当たる)、成分 0、1、2 を青、橙、緑で表す。点の色は M ステップが使った負担率 (初期パラメータでの E ステップの結果)、
# 破線の楕円と小さな丸は M ステップ前の成分、実線の楕円と × は M ステップ後の成分である。楕円はマハラノビス距離 1 の等高線を表す。
# (`%matplotlib inline` は 03 章と同じく、図をノートブックの中に表示させる指定である。)

# %% [markdown] lang="en"
# ## 5. How one M-step moves the ellipses
#
# We compare the picture before and after the first M-step, the one computed in Section 3. As in chapter 03, components are numbered from 0 like array indices (the code's component 0 is the formulas' $k = 1$), and components 0, 1 and 2 are shown in blue, orange and green. The colours of the points are the responsibilities the M-step used (the result of the E-step at the initial parameters);
# the dashed ellipses and small circles are the components before the M-step, the solid ellipses and crosses (×) the components after it. Each ellipse is the contour at Mahalanobis distance 1.
# (`%matplotlib inline`, as in chapter 03, tells Jupyter to show the figures inside the notebook.)

# %% slide="subslide"
%matplotlib inline
fig, ax = plt.subplots(figsize=(6, 5.6))
gt.plot.draw_points(ax, X, responsibilities)
gt.plot.draw_ellipses(ax, params, radii=(1,), linestyle="--")
ax.scatter(params.mu[:, 0], params.mu[:, 1], c=gt.plot.component_colors(K), s=50, edgecolors="black", zorder=4)
gt.plot.draw_ellipses(ax, new, radii=(1,))
gt.plot.draw_means(ax, new)
ax.set(title="One M-step: before (dashed, o) and after (solid, X)", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
plt.show()
print("mean shift |mu_new - mu_old|:", np.round(np.linalg.norm(new.mu - params.mu, axis=1), 4))
print("sqrt(det sigma) before:      ", np.round(np.sqrt(np.linalg.det(params.sigma)), 4))
print("sqrt(det sigma) after:       ", np.round(np.sqrt(np.linalg.det(new.sigma)), 4))
print("phi after the M-step:        ", np.round(new.phi, 4))

# %% [markdown] slide="subslide"
# 図と数値から次のことが読み取れる。
#
# - 各平均は、その成分の色を帯びた点の重み付き平均の位置へ移る。成分 0 (青) は下のクラスタを主に負担しているが、
#   左上のクラスタの点もいくらか負担しているので、平均は左上へ約 1.1 引かれる。
# - 成分 1 (橙) と成分 2 (緑) は、右上のクラスタの点と、03 章の図で黄緑色だった左上のクラスタの点を分け合っている。
#   そのため 2 つの平均はどちらも 2 つのクラスタの間 ($x_1 \approx 0.7$) に移り、楕円は両方のクラスタにまたがる横長で平たい形になる。
# - 楕円の面積は $\sqrt{|\Sigma_k|}$ に比例する。M ステップの前はどの成分もデータ全体の共分散行列 ($\sqrt{|\Sigma_k|} \approx 4.84$) であったが、
#   後は 2.9 から 3.6 程度に小さくなる。各成分が、自分の負担する点の広がりだけを表すようになったからである。
# - $\phi$ はもはや一様ではない。負担率の合計 $N_k$ が大きい成分ほど大きな混合係数を得る。
#
# 1 回の M ステップでは、上の 2 つのクラスタをどう分けるかはまだ決まらない。それは E と M の反復 (05 章) で次第に決まっていく。

# %% [markdown] lang="en"
# The figure and the numbers show the following.
#
# - Each mean moves to the weighted mean of the points that carry some of its component's colour. Component 0 (blue) is mainly responsible for the lower cluster,
#   but it also takes some responsibility for points of the upper-left cluster, so its mean is pulled about 1.1 towards the upper left.
# - Component 1 (orange) and component 2 (green) share the points of the upper-right cluster and the points of the upper-left cluster, which were yellow-green in the figure of chapter 03.
#   So both means move to between the two clusters ($x_1 \approx 0.7$), and their ellipses become wide, flat shapes spanning both clusters.
# - The area of an ellipse is proportional to $\sqrt{|\Sigma_k|}$. Before the M-step every component had the covariance matrix of the whole data set ($\sqrt{|\Sigma_k|} \approx 4.84$);
#   afterwards the values shrink to between about 2.9 and 3.6, because each component now describes only the spread of the points it is responsible for.
# - $\phi$ is no longer uniform. The larger a component's total responsibility $N_k$, the larger its mixing coefficient.
#
# One M-step does not yet decide how the two upper clusters will be split. That is settled gradually by iterating E and M (chapter 05).

# %% [markdown] slide="slide"
# ## 6. E と M の 1 往復で対数尤度は減らない
#
# M ステップの後のパラメータで対数尤度を計算し、前と比べる。

# %% [markdown] lang="en"
# ## 6. One round of E and M never decreases the log-likelihood
#
# We compute the log-likelihood at the parameters after the M-step and compare it with the value before.

# %%
ll_after = gt.log_likelihood(X, new)
print(f"log-likelihood at the initial parameters: {ll_before:.2f}")
print(f"after one E-step + M-step:               {ll_after:.2f}")
print(f"increase:                                 {ll_after - ll_before:.2f}")

# %% [markdown] slide="subslide"
# 1 往復で対数尤度は約 420 増えた。これは偶然ではない。任意の $\theta$ について、負担率 $\gamma_{nk}$ (古いパラメータで計算したもの) を重みとして
# $\ln$ の凹性 (イェンセンの不等式) を使うと
#
# $$
# \ln p(\mathbf{x}_n \mid \theta) = \ln \sum_k \gamma_{nk} \frac{\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{\gamma_{nk}}
# \ \ge\ \sum_k \gamma_{nk} \ln \frac{\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{\gamma_{nk}}
# $$
#
# が成り立つ。$n$ について足すと $\ln p(X \mid \theta) \ge \mathcal{L}(\theta) \equiv Q(\theta) - \sum_n \sum_k \gamma_{nk} \ln \gamma_{nk}$ であり、
# $\theta = \theta^{\text{old}}$ では $\phi_k \mathcal{N}(\cdot) / \gamma_{nk} = p(\mathbf{x}_n \mid \theta^{\text{old}})$ が $k$ によらないので等号が成り立つ。
# M ステップは $Q$ を、したがって $\mathcal{L}$ を最大化するから
#
# $$
# \ln p(X \mid \theta^{\text{new}}) \ \ge\ \mathcal{L}(\theta^{\text{new}}) \ \ge\ \mathcal{L}(\theta^{\text{old}}) = \ln p(X \mid \theta^{\text{old}})
# $$
#
# となる。この不等式の列を数値で確かめる。

# %% [markdown] lang="en"
# One round raised the log-likelihood by about 420. This is no accident. For any $\theta$, using the responsibilities $\gamma_{nk}$ (computed with the old parameters) as weights
# and the concavity of $\ln$ (Jensen's inequality), we have
#
# $$
# \ln p(\mathbf{x}_n \mid \theta) = \ln \sum_k \gamma_{nk} \frac{\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{\gamma_{nk}}
# \ \ge\ \sum_k \gamma_{nk} \ln \frac{\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{\gamma_{nk}}
# $$
#
# Summing over $n$ gives $\ln p(X \mid \theta) \ge \mathcal{L}(\theta) \equiv Q(\theta) - \sum_n \sum_k \gamma_{nk} \ln \gamma_{nk}$,
# and at $\theta = \theta^{\text{old}}$ equality holds, because there $\phi_k \mathcal{N}(\cdot) / \gamma_{nk} = p(\mathbf{x}_n \mid \theta^{\text{old}})$ does not depend on $k$.
# The M-step maximises $Q$, and therefore $\mathcal{L}$, so
#
# $$
# \ln p(X \mid \theta^{\text{new}}) \ \ge\ \mathcal{L}(\theta^{\text{new}}) \ \ge\ \mathcal{L}(\theta^{\text{old}}) = \ln p(X \mid \theta^{\text{old}})
# $$
#
# Let us check this chain of inequalities numerically.

# %%
def lower_bound(p):
    """L(theta) = Q(theta) - sum gamma ln gamma, with the responsibilities of the E-step held fixed."""
    a = np.log(p.phi) + gt.log_pdf(X, p.mu, p.sigma)  # (n, K) ln phi_k + ln N(x_n | mu_k, Sigma_k)
    return float(np.sum(responsibilities * (a - np.log(responsibilities))))

print(f"L(theta_old) = {lower_bound(params):.2f}   ln p(X | theta_old) = {ll_before:.2f}")
print(f"L(theta_new) = {lower_bound(new):.2f}   ln p(X | theta_new) = {ll_after:.2f}")

# %% [markdown] slide="subslide"
# 古いパラメータでは下界 $\mathcal{L}$ と対数尤度が一致し、M ステップで $\mathcal{L}$ が約 400 持ち上がり、
# 新しいパラメータでの対数尤度はさらにその上にある。
#
# この関係を図で見るために、古いパラメータと新しいパラメータを結ぶ線分
# $\theta(t) = (1 - t)\, \theta^{\text{old}} + t\, \theta^{\text{new}}$ (各 $\phi, \boldsymbol{\mu}, \Sigma$ を同じ割合で混ぜたもの) の上で、
# 対数尤度と下界 $\mathcal{L}$ を比べる。$t = 0$ が M ステップの前、$t = 1$ が後である。

# %% [markdown] lang="en"
# At the old parameters the lower bound $\mathcal{L}$ equals the log-likelihood; the M-step lifts $\mathcal{L}$ by about 400,
# and the log-likelihood at the new parameters lies higher still.
#
# To see this relationship in a picture, we compare the log-likelihood and the lower bound $\mathcal{L}$ along the line through the old and the new parameters,
# $\theta(t) = (1 - t)\, \theta^{\text{old}} + t\, \theta^{\text{new}}$ (each of $\phi, \boldsymbol{\mu}, \Sigma$ mixed in the same proportion).
# $t = 0$ is before the M-step and $t = 1$ after it.

# %%
ts = np.linspace(-0.5, 1.5, 41)
path = [gt.GMMParams((1 - t) * params.phi + t * new.phi, (1 - t) * params.mu + t * new.mu,
                     (1 - t) * params.sigma + t * new.sigma) for t in ts]  # theta(t) on the line old -> new
fig, ax = plt.subplots(figsize=(6.5, 4.2))
ax.plot(ts, [gt.log_likelihood(X, p) for p in path], label=r"log-likelihood $\ln p(X \mid \theta(t))$")
ax.plot(ts, [lower_bound(p) for p in path], "--", label=r"lower bound $\mathcal{L}(\theta(t))$")
ax.plot([0, 1], [ll_before, ll_after], "o", color="black", label=r"$\theta^{\mathrm{old}}$ and $\theta^{\mathrm{new}}$")
ax.set(title="One EM round along the line from old to new parameters", ylabel="value",
       xlabel=r"$t$  in  $\theta(t) = (1-t)\,\theta^{\mathrm{old}} + t\,\theta^{\mathrm{new}}$")
ax.legend(loc="lower center")
plt.show()

# %% [markdown] slide="subslide"
# 実線 (対数尤度) はどこでも破線 (下界) の上にあり、$t = 0$ で両者は接している。これが E ステップの役割である:
# 負担率を計算し直すことで、下界を現在のパラメータで対数尤度にぴったり接するように作り直す。
# 破線は $t = 1$ で最大になる。M ステップは $\mathcal{L}$ をすべての $\theta$ について最大化したので、この線分の上でも $t = 1$ が最大である。
# 下界が $t = 0$ から $t = 1$ まで持ち上がる以上、その上にある実線も $t = 1$ では $t = 0$ より高い。
# E ステップで接する下界を作り、M ステップでそれを最大化する。これを繰り返すので、EM の対数尤度は反復ごとに減ることがない (05 章でその推移を見る)。

# %% [markdown] lang="en"
# The solid line (the log-likelihood) lies above the dashed line (the lower bound) everywhere, and the two touch at $t = 0$. This is what the E-step does:
# by recomputing the responsibilities, it rebuilds the lower bound so that it touches the log-likelihood exactly at the current parameters.
# The dashed line is highest at $t = 1$. The M-step maximised $\mathcal{L}$ over all $\theta$, so on this line too the maximum is at $t = 1$.
# Since the lower bound rises from $t = 0$ to $t = 1$, the solid line above it is also higher at $t = 1$ than at $t = 0$.
# The E-step builds a lower bound that touches the log-likelihood, and the M-step maximises it. EM repeats this, so its log-likelihood never decreases from one iteration to the next (chapter 05 follows how it evolves).

# %% [markdown] slide="slide"
# ## 7. `reg_covar` はなぜ必要か
#
# M ステップの式には落とし穴がある。ある成分がたった 1 点 $\mathbf{x}_n$ だけを負担すると、$\boldsymbol{\mu}_k = \mathbf{x}_n$、
# $\Sigma_k = (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top = O$ となり、$\Sigma_k$ は特異 (逆行列も密度もない) になる。
# しかもこれは単なる計算上の事故ではない。共分散行列を $\varepsilon I$ として $\varepsilon \to 0$ とすると、その点での密度は限りなく大きくなる。

# %% [markdown] lang="en"
# ## 7. Why is `reg_covar` needed?
#
# The M-step equations hide a trap. If a component is responsible for just one point $\mathbf{x}_n$, then $\boldsymbol{\mu}_k = \mathbf{x}_n$ and
# $\Sigma_k = (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top = O$, so $\Sigma_k$ is singular (it has no inverse, and there is no density).
# Nor is this merely a numerical accident. If we take the covariance matrix to be $\varepsilon I$ and let $\varepsilon \to 0$, the density at that point grows without limit.

# %%
for eps in [1.0, 1e-2, 1e-4, 1e-6]:
    value = gt.log_pdf(X[:1], X[0], eps * np.eye(d))[0]  # ln N(x_0 | mu = x_0, Sigma = eps I)
    print(f"eps = {eps:6.0e}: ln N(x_0 | x_0, eps I) = {value:7.2f}")

# %% [markdown] slide="subslide"
# $\ln \mathcal{N}(\mathbf{x}_0 \mid \mathbf{x}_0, \varepsilon I) = -\ln (2\pi\varepsilon)$ なので、$\varepsilon$ を 1/100 にするごとに約 4.6 ずつ増え、上限がない。
# つまり GMM の対数尤度は、1 つの成分を 1 点に縮めることでいくらでも大きくできてしまい、最尤推定そのものが意味を失う。
# 反復の途中で、ある成分の負担率がたまたま孤立した 1 点に集中すると、EM は対数尤度を増やしながらこの「退化した解」に落ち込んでいく。
#
# わざとそういう負担率を作って `gt.m_step` に渡してみる。真のラベルから、成分 2 の点をすべて成分 1 に移し、成分 2 には点 0 (本来は成分 0 の点) を 1 点だけ残す。
# `reg_covar=0.0` (教科書のコードと同じく何も足さない) ではエラーになるので、それを捕まえてメッセージを表示する。

# %% [markdown] lang="en"
# Since $\ln \mathcal{N}(\mathbf{x}_0 \mid \mathbf{x}_0, \varepsilon I) = -\ln (2\pi\varepsilon)$, the value grows by about 4.6 every time $\varepsilon$ is divided by 100, and it has no upper limit.
# In other words, the log-likelihood of a GMM can be made as large as we like by shrinking one component onto a single point, and maximum likelihood estimation itself stops making sense.
# If, during the iterations, a component's responsibilities happen to concentrate on one isolated point, EM slides into this "degenerate solution" while the log-likelihood keeps increasing.
#
# Let us build such responsibilities on purpose and pass them to `gt.m_step`. Starting from the true labels, we hand all the points of component 2 over to component 1 and leave component 2 with a single point, point 0 (which really belongs to component 0).
# With `reg_covar=0.0` (nothing added, as in the textbook's code) this raises an error, so we catch it and print the message.

# %%
z_bad = z.copy()
z_bad[z == 2] = 1  # component 2 hands all its points to component 1 ...
z_bad[0] = 2  # ... and gets a single point, x_0 (a point of true component 0)
responsibilities_bad = np.eye(K)[z_bad]
print("N_k =", responsibilities_bad.sum(axis=0))
try:
    gt.m_step(X, responsibilities_bad, reg_covar=0.0)
except gt.ComponentCollapseError as err:
    print(f"{type(err).__name__}: {err}")

# %% [markdown] slide="subslide"
# `gt.m_step` は成分 2 の共分散行列が特異になったことを検出し、`gt.ComponentCollapseError` を出して止まる
# (エラーメッセージは他の Python ライブラリと同じく英語である)。教科書のコードにはこの検査がないので、特異な $\Sigma_k$ のまま次の E ステップに進み、
# 逆行列の計算でエラーになるか、意味のない数が出る。
#
# メッセージが勧めるとおり、`reg_covar` に小さな正の数を与えると、M ステップは各 $\Sigma_k$ の対角に `reg_covar` を足す:
# $\Sigma_k \leftarrow \Sigma_k + c\, I$ ($c$ が `reg_covar` の値)。

# %% [markdown] lang="en"
# `gt.m_step` detects that the covariance matrix of component 2 has become singular and stops with a `gt.ComponentCollapseError`
# (error messages, like those of any Python library, are always in English, whichever language you chose). The textbook's code has no such check, so it carries a singular $\Sigma_k$ into the next E-step,
# where inverting it either fails with an error or produces meaningless numbers.
#
# As the message suggests, if `reg_covar` is given a small positive number, the M-step adds `reg_covar` to the diagonal of each $\Sigma_k$:
# $\Sigma_k \leftarrow \Sigma_k + c\, I$ (with $c$ the value of `reg_covar`).

# %%
fixed = gt.m_step(X, responsibilities_bad, reg_covar=1e-6)
print("sigma[2] =\n", np.round(fixed.sigma[2], 8))
print("eigenvalues of sigma[2]:", np.round(np.linalg.eigvalsh(fixed.sigma[2]), 8))
print("ln N(x_0 | mu_2, sigma_2) now:", f"{gt.log_pdf(X[:1], fixed.mu[2], fixed.sigma[2])[0]:.2f}")

# %% [markdown]
# 1 点だけの成分でも、共分散行列は $10^{-6} I$ となって正定値を保ち、計算は続けられる。
# 対角に $c$ を足すと固有値はすべて $c$ 以上になるので、点での対数密度も ($D = 2$ のとき) $-\ln(2\pi \cdot 10^{-6}) \approx 11.98$ で頭打ちになる。
# 普通の成分の共分散行列 (対角成分は 1 程度) に対しては $10^{-6}$ の変化は無視できる。
# `gt.fit` の既定値 `reg_covar=1e-6` は scikit-learn の `GaussianMixture` と同じであり、教科書の結果を再現するときだけ `reg_covar=0.0` を指定する。

# %% [markdown] lang="en"
# Even for a component with a single point, the covariance matrix is now $10^{-6} I$: it stays positive definite and the computation can go on.
# Adding $c$ to the diagonal makes every eigenvalue at least $c$, so the log density at the point also levels off, at $-\ln(2\pi \cdot 10^{-6}) \approx 11.98$ (for $D = 2$).
# For the covariance matrix of an ordinary component (diagonal entries around 1), a change of $10^{-6}$ is negligible.
# The default `reg_covar=1e-6` of `gt.fit` is the same as in scikit-learn's `GaussianMixture`; we set `reg_covar=0.0` only when we reproduce the textbook's results.

# %% [markdown] slide="slide"
# ## まとめ
#
# - M ステップは、負担率 $\gamma_{nk}$ を固定して完全データの対数尤度の期待値
#   $Q(\theta) = \sum_n \sum_k \gamma_{nk} [\ln \phi_k + \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)]$ を最大化する。
# - その解は $N_k = \sum_n \gamma_{nk}$、$\phi_k = N_k / N$ (ラグランジュ乗数 $\lambda = N$)、
#   $\boldsymbol{\mu}_k = \frac{1}{N_k} \sum_n \gamma_{nk} \mathbf{x}_n$、
#   $\Sigma_k = \frac{1}{N_k} \sum_n \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top$ であり、
#   各点を重み $\gamma_{nk}$ で数えた最尤推定である。
# - 負担率が 0/1 なら標本平均と $N_k$ で割る共分散行列になる。`np.cov` の既定 (`ddof=1`、$N_k - 1$ で割る) とは $N_k/(N_k - 1)$ 倍ずれる。
# - M ステップは下界 $\mathcal{L}(\theta)$ を最大化するので、E と M の 1 往復で対数尤度は減らない。
# - 1 点だけを負担する成分では $\Sigma_k$ が特異になり、対数尤度は上限なく増えうる。
#   `reg_covar` は対角に小さな数を足してこれを防ぐ。`gt.m_step` は `reg_covar=0` で退化を検出すると `ComponentCollapseError` を出す。

# %% [markdown] lang="en"
# ## Summary
#
# - The M-step holds the responsibilities $\gamma_{nk}$ fixed and maximises the expected complete-data log-likelihood
#   $Q(\theta) = \sum_n \sum_k \gamma_{nk} [\ln \phi_k + \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)]$.
# - The solution is $N_k = \sum_n \gamma_{nk}$, $\phi_k = N_k / N$ (Lagrange multiplier $\lambda = N$),
#   $\boldsymbol{\mu}_k = \frac{1}{N_k} \sum_n \gamma_{nk} \mathbf{x}_n$,
#   $\Sigma_k = \frac{1}{N_k} \sum_n \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top$:
#   maximum likelihood estimation with each point counted with weight $\gamma_{nk}$.
# - With 0/1 responsibilities it gives the sample mean and the covariance matrix divided by $N_k$. The default of `np.cov` (`ddof=1`, dividing by $N_k - 1$) is off from it by a factor of $N_k/(N_k - 1)$.
# - The M-step maximises the lower bound $\mathcal{L}(\theta)$, so one round of E and M never decreases the log-likelihood.
# - For a component responsible for a single point, $\Sigma_k$ becomes singular and the log-likelihood can grow without bound.
#   `reg_covar` prevents this by adding a small number to the diagonal. With `reg_covar=0`, `gt.m_step` raises `ComponentCollapseError` when it detects the degeneration.

# %% [markdown] slide="slide"
# ## 演習
#
# 03 章と同じく、ひな形のセルを書き換えて実行し、次のセルで採点関数を実行する。

# %% [markdown] lang="en"
# ## Exercises
#
# As in chapter 03, edit the template cell, run it, and then run the checker in the next cell.

# %% [markdown] tags=["solution-note"] slide="skip"
# 解答例は折りたたまれたセルにある。

# %% [markdown] lang="en" tags=["solution-note"]
# Worked solutions are in the collapsed cells.

# %% [markdown]
# ### 演習 1: M ステップ
#
# 観測データ `X` (形 $(N, D)$) と負担率 `responsibilities` (形 $(N, K)$、各行の和は 1) を受け取り、
# 更新後の `phi` $(K,)$、`mu` $(K, D)$、`sigma` $(K, D, D)$ を組 `(phi, mu, sigma)` で返す関数 `m_step(X, responsibilities)` を書け。
# `reg_covar` は足さない。採点関数は $D = 1, 2, 3$ のケースで試すので、$D$ や $K$ を決め打ちしないこと。

# %% [markdown] lang="en"
# ### Exercise 1: the M-step
#
# Write a function `m_step(X, responsibilities)` that takes the observed data `X` (shape $(N, D)$) and the responsibilities `responsibilities` (shape $(N, K)$, each row summing to 1)
# and returns the updated `phi` $(K,)$, `mu` $(K, D)$ and `sigma` $(K, D, D)$ as a tuple `(phi, mu, sigma)`.
# Do not add `reg_covar`. The checker tries cases with $D = 1, 2, 3$, so do not hard-code $D$ or $K$.

# %% slide="skip"
def m_step(X, responsibilities):
    """Maximum-likelihood phi (K,), mu (K, d), sigma (K, d, d) from X (n, d) and responsibilities (n, K)."""
    # TODO: N_k, then phi, mu and sigma (divide by N_k)
    return None

# %% slide="skip"
gt.checks.check_m_step(m_step)

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/04_m_step.py#m_step

# %% [markdown] slide="subslide"
# ### 演習 2: `np.cov` と不偏推定の取り違え
#
# 次の `m_step_cov` は、共分散行列の計算を `np.cov` に任せて M ステップを短く書こうとしたものである。
# `np.cov` の `aweights` に負担率を渡すと、重み付きの平均と共分散行列が計算される。ところが採点関数は ✗ を返す。
# 採点関数のヒントは原因 (割る数) を指摘するが、直し方までは教えない。次の 3 つを自分で確かめよ。
#
# 1. `aweights` を与えたときの `np.cov` は、既定では偏差の重み付き平方和を $N_k$ ではなく $N_k - \sum_n \gamma_{nk}^2 / N_k$ で割る。
#    負担率が 0 か 1 だけのとき、これが $N_k - 1$ (4 節の不偏推定) になることを示せ。
#    負担率が柔らかいとき ($0 < \gamma_{nk} < 1$ の点があるとき)、$N_k$ から引かれる $\sum_n \gamma_{nk}^2 / N_k$ は 1 より大きいか、小さいか。
# 2. 3 節の負担率 `responsibilities` (初期パラメータでの E ステップの結果) について、`np.cov` の既定の共分散行列が
#    M ステップの $\Sigma_k$ の何倍になるかを成分ごとに計算せよ。どの成分がいちばん大きくずれるか、それはなぜか。
# 3. `np.cov` のドキュメント (`help(np.cov)`) を読み、割る数を $N_k$ にする引数を見つけて `m_step_cov` を直し、採点関数で ✓ を得よ。
#    同じ効果をもつ書き方は 2 通りある。

# %% [markdown] lang="en"
# ### Exercise 2: mixing up `np.cov` and the unbiased estimate
#
# The following `m_step_cov` tries to shorten the M-step by leaving the covariance matrices to `np.cov`.
# Passing the responsibilities to the `aweights` argument of `np.cov` makes it compute a weighted mean and covariance matrix. Yet the checker answers ✗ ("Not correct.").
# The checker's hint points to the cause (the divisor) but does not tell you the fix. Work out the following yourself.
#
# 1. When `aweights` is given, `np.cov` by default divides the weighted sum of squared deviations not by $N_k$ but by $N_k - \sum_n \gamma_{nk}^2 / N_k$.
#    Show that when every responsibility is 0 or 1 this is $N_k - 1$, the unbiased estimate of Section 4.
#    When the responsibilities are soft (some $0 < \gamma_{nk} < 1$), is the amount subtracted from $N_k$, $\sum_n \gamma_{nk}^2 / N_k$, larger or smaller than 1?
# 2. For the responsibilities `responsibilities` of Section 3 (the E-step at the initial parameters), compute for each component how many times larger
#    `np.cov`'s default covariance matrix is than the M-step's $\Sigma_k$. Which component is off the most, and why?
# 3. Read the documentation of `np.cov` (`help(np.cov)`), find the argument that makes it divide by $N_k$, fix `m_step_cov`, and get a ✓ from the checker.
#    There are two ways to write it with the same effect.

# %% slide="skip"
def m_step_cov(X, responsibilities):
    """M-step with np.cov for the covariances: returns phi (K,), mu (K, d), sigma (K, d, d)."""
    n, d = X.shape
    N_k = responsibilities.sum(axis=0)
    phi = N_k / n
    mu = responsibilities.T @ X / N_k[:, None]
    # TODO: this np.cov call does not compute the M-step's covariance; fix it
    sigma = np.array([np.cov(X, rowvar=False, aweights=responsibilities[:, k]).reshape(d, d) for k in range(len(N_k))])
    return phi, mu, sigma

# %% slide="skip"
gt.checks.check_m_step(m_step_cov)

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/04_m_step.py#m_step_cov

# %% [markdown]
# 次は [05 EM アルゴリズム](05_em_algorithm.ipynb) である。E ステップと M ステップを交互に反復し、収束まで追いかける。

# %% [markdown] lang="en"
# Next is [05 The EM algorithm](05_em_algorithm.ipynb), where we alternate the E-step and the M-step and follow the iterations until they converge.
