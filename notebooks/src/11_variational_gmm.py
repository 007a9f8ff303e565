# %% [markdown] slide="slide"
# # 11 変分ベイズ混合ガウス
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/11_variational_gmm.ipynb) (インストール不要。Google アカウントで実行できる)
#
# これまでの章では、混合係数 $\phi$、平均 $\boldsymbol{\mu}$、共分散行列 $\Sigma$ を 1 つの値として推定してきた (最尤推定)。
# 本章ではパラメータにも確率分布を置く。パラメータの **事前分布** を決め、データを見た後の **事後分布** を近似的に求めるのが
# **変分ベイズ** (variational Bayes) である。07 章の下界の議論をそのまま使い、パラメータまで含めた下界を 1 因子ずつ
# 最大化する。その結果、成分の数 $K$ を多めに取っておくと、不要な成分の混合係数がひとりでに 0 へ近づく。
# 09 章の BIC のように $K$ ごとに推定し直さなくても、1 回の推定で使う成分の数が決まるのである。
# 題材は PRML (Bishop『パターン認識と機械学習』) 10.2 節と同じ Old Faithful 間欠泉のデータである。
#
# **この章で学ぶこと**
# - 混合係数の事前分布 (ディリクレ分布) と、平均と精度行列の事前分布 (ガウス–ウィシャート分布)、各ハイパーパラメータの意味
# - 事後分布を因子の積で近似する平均場近似と、変分下界 (07 章の下界 (ELBO) の拡張)
# - 変分下界から導かれる更新式 ($\alpha_k$、$\beta_k$、$\mathbf{m}_k$、$W_k$、$\nu_k$ と負担率) を数行で書き、`gt.fit_variational` と照合すること
# - Old Faithful のデータで $K = 6$ から始めたときに不要な成分が空になる様子と、09 章の BIC および scikit-learn との比較
# - 集中度パラメータと $K$ の上限をスライダーで動かすウィジェット
# - `reg_covar` を事前分布として読むこと (MAP 推定の EM) と、それが 08 章の特異点を防ぐ仕組み
#
# **前提**: [07 EM はなぜうまくいくか](07_why_em_works.ipynb) (下界 $\mathcal{L}(q, \theta)$ と KL ダイバージェンスへの分解)、
# [08 EM がうまくいかないとき](08_where_em_fails.ipynb) (特異点と `reg_covar`)、[09 K の選び方](09_choosing_k.ipynb) (BIC)。
# 確率分布の期待値と、ベイズの定理を用いる。

# %% [markdown] lang="en"
# # 11 The variational Bayesian GMM
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/11_variational_gmm.ipynb) (nothing to install; runs with a Google account)
#
# So far we have estimated the mixing coefficients $\phi$, the means $\boldsymbol{\mu}$ and the covariance matrices $\Sigma$
# as single values (maximum likelihood). In this chapter the parameters get probability distributions too. We choose a
# **prior** for them and approximate the **posterior**, what we believe after seeing the data: this is **variational Bayes**.
# It reuses the lower bound of chapter 07, now with the parameters inside it, and raises the bound one factor at a time.
# The reward: if we give the model more components than it needs, the mixing coefficients of the superfluous ones drift to
# 0 by themselves. Instead of fitting once per $K$ as with BIC in chapter 09, a single fit decides how many components to use.
# Our data are those of PRML (Bishop, *Pattern Recognition and Machine Learning*), Section 10.2: the Old Faithful geyser.
#
# **What you will learn**
# - The prior on the mixing coefficients (a Dirichlet distribution) and on the means and precision matrices (a
#   Gaussian–Wishart distribution), and what each hyperparameter means
# - The mean-field approximation, which writes the posterior as a product of factors, and the variational lower bound
#   (chapter 07's lower bound, the ELBO, extended)
# - How to write the updates that follow from the bound ($\alpha_k$, $\beta_k$, $\mathbf{m}_k$, $W_k$, $\nu_k$ and the
#   responsibilities) in a few lines, and check them against `gt.fit_variational`
# - On the Old Faithful data: start with $K = 6$, watch the superfluous components empty, and compare with chapter 09's BIC
#   and with scikit-learn
# - A widget with the concentration parameter and the largest $K$ as sliders
# - How to read `reg_covar` as a prior (EM for MAP estimation), and how that stops the singularities of chapter 08
#
# **Prerequisites**: [07 Why EM works](07_why_em_works.ipynb) (the lower bound $\mathcal{L}(q, \theta)$ and its split with the
# KL divergence), [08 Where EM fails](08_where_em_fails.ipynb) (singularities and `reg_covar`),
# [09 Choosing K](09_choosing_k.ipynb) (BIC). Expectations of probability distributions and Bayes' theorem.

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
# ## 事前分布: パラメータにも分布を置く
#
# $D$ 次元の $K$ 成分の混合ガウスモデルで、パラメータに次の事前分布を置く (PRML 10.39、10.40)。共分散行列の代わりに、その逆行列である
# 精度行列 $\Lambda_k = \Sigma_k^{-1}$ を使うと式が簡単になる。
#
# $$
# p(\phi) = \mathrm{Dir}(\phi \mid \alpha_0), \qquad
# p(\boldsymbol{\mu}_k, \Lambda_k) = \mathcal{N}\!\left(\boldsymbol{\mu}_k \mid \mathbf{m}_0, (\beta_0 \Lambda_k)^{-1}\right)
# \mathcal{W}(\Lambda_k \mid W_0, \nu_0).
# $$

# %% [markdown] lang="en"
# ## Priors: distributions on the parameters
#
# For a $K$-component Gaussian mixture in $D$ dimensions we put the following priors on the parameters (PRML 10.39, 10.40).
# The formulas are simpler with the precision matrix $\Lambda_k = \Sigma_k^{-1}$, the inverse of the covariance matrix:
#
# $$
# p(\phi) = \mathrm{Dir}(\phi \mid \alpha_0), \qquad
# p(\boldsymbol{\mu}_k, \Lambda_k) = \mathcal{N}\!\left(\boldsymbol{\mu}_k \mid \mathbf{m}_0, (\beta_0 \Lambda_k)^{-1}\right)
# \mathcal{W}(\Lambda_k \mid W_0, \nu_0).
# $$

# %% [markdown] slide="subslide"
# 1 つ目は **ディリクレ分布** で、和が 1 の $K$ 個の数 $\phi_1, \dots, \phi_K$ の上の分布である。密度は
# $\prod_k \phi_k^{\alpha_0 - 1}$ に比例し、$\alpha_0$ を **混合係数の集中度パラメータ** と呼ぶ。2 つ目は **ガウス–ウィシャート分布** で、
# 精度行列 $\Lambda_k$ が **ウィシャート分布** (正定値行列の上の分布で、平均は $\nu_0 W_0$) に従い、$\Lambda_k$ が与えられたもとで平均
# $\boldsymbol{\mu}_k$ が $\mathbf{m}_0$ を中心とする正規分布に従う。$\alpha_0, \beta_0, \mathbf{m}_0, W_0, \nu_0$ は
# 事前分布を決める数であり、パラメータのパラメータという意味で **ハイパーパラメータ** (hyperparameter) と呼ぶ。
# どれも「データを見る前の推測」と「その推測を何点分のデータと同じ重みで信じるか」の組になっている。

# %% [markdown] lang="en"
# The first is a **Dirichlet distribution**, a distribution over $K$ numbers $\phi_1, \dots, \phi_K$ that sum to 1. Its density
# is proportional to $\prod_k \phi_k^{\alpha_0 - 1}$, and $\alpha_0$ is called the **concentration parameter** of the mixing
# coefficients. The second is a **Gaussian–Wishart distribution**: the precision matrix $\Lambda_k$ follows a **Wishart
# distribution** (a distribution over positive definite matrices, with mean $\nu_0 W_0$), and given $\Lambda_k$ the mean
# $\boldsymbol{\mu}_k$ follows a Gaussian centred at $\mathbf{m}_0$. The numbers $\alpha_0, \beta_0, \mathbf{m}_0, W_0, \nu_0$
# fix the prior; as parameters of the parameters they are called **hyperparameters**. Each comes as a pair: a guess made
# before seeing the data, and how many data points' worth of weight that guess carries.

# %% [markdown] slide="subslide"
# | ハイパーパラメータ | scikit-learn の名前 | 役割 |
# |---|---|---|
# | $\alpha_0$ | `weight_concentration_prior` | 混合係数の集中度。小さいと少数の成分に重みが集まる |
# | $\beta_0$ | `mean_precision_prior` | 平均の事前分布の強さ (何点分のデータに当たるか) |
# | $\mathbf{m}_0$ | `mean_prior` | 平均の事前分布の中心 |
# | $\nu_0$ | `degrees_of_freedom_prior` | 精度行列の事前分布の強さ ($\nu_0 > D - 1$) |
# | $W_0^{-1}$ | `covariance_prior` | 精度行列の事前分布の尺度。$W_0^{-1} / \nu_0$ が共分散行列の大まかな推測に当たる |
#
# まず $\alpha_0$ の働きを見る。$K = 6$ のディリクレ分布から $\phi$ を 8 回ずつ引き、$\alpha_0 = 0.1, 1, 10$ で比べる。

# %% [markdown] lang="en"
# | Hyperparameter | scikit-learn's name | Role |
# |---|---|---|
# | $\alpha_0$ | `weight_concentration_prior` | Concentration of the mixing coefficients: small values put the weight on a few components |
# | $\beta_0$ | `mean_precision_prior` | Strength of the prior on the means (how many data points it is worth) |
# | $\mathbf{m}_0$ | `mean_prior` | Centre of the prior on the means |
# | $\nu_0$ | `degrees_of_freedom_prior` | Strength of the prior on the precision matrices ($\nu_0 > D - 1$) |
# | $W_0^{-1}$ | `covariance_prior` | Scale of the prior on the precision matrices: $W_0^{-1} / \nu_0$ is a rough guess of a covariance matrix |
#
# First, what $\alpha_0$ does. We draw $\phi$ eight times from a Dirichlet distribution with $K = 6$, for
# $\alpha_0 = 0.1, 1, 10$.

# %% slide="subslide"
rng = np.random.default_rng(0)
K = 6
fig, axes = plt.subplots(1, 3, figsize=(14, 3.6), sharey=True)
for ax, a0 in zip(axes, (0.1, 1.0, 10.0)):
    draws = rng.dirichlet(np.full(K, a0), size=8)  # (8, K): eight draws of phi
    left = np.zeros(len(draws))
    for k in range(K):
        ax.barh(np.arange(len(draws)), draws[:, k], left=left, color=f"C{k}")
        left += draws[:, k]
    ax.set(title=rf"$\phi \sim \mathrm{{Dir}}(\alpha_0 = {a0:g})$, K = {K}", xlabel=r"$\phi_k$ (stacked)", ylabel="Draw",
           xlim=(0, 1))
plt.show()
for a0 in (0.1, 1.0, 10.0):
    many = rng.dirichlet(np.full(K, a0), size=2000)
    print(f"alpha0 = {a0:g}: components with phi_k > 0.01, on average {np.mean((many > 0.01).sum(axis=1)):.2f} of {K}")

# %% [markdown]
# $\alpha_0 = 0.1$ では、1 回に引いた $\phi$ の重みのほとんどが 1〜2 個の成分に集まり、1 % を超える成分は平均 2.7 個しかない。
# $\alpha_0 = 10$ では 6 つの成分が重みをほぼ等しく分け合う。$\alpha_0 = 1$ はとりうるすべての $\phi$ の上の一様分布で、1 % を超える成分は平均 5.7 個である。
# $\alpha_0 < 1$ の事前分布は「使う成分は少ないほうがよい」という推測を表しており、これが後で不要な成分を空にする理由の 1 つになる。

# %% [markdown] lang="en"
# With $\alpha_0 = 0.1$, each draw of $\phi$ puts nearly all of its weight on one or two components: on average only 2.7
# components get more than 1 %. With $\alpha_0 = 10$ the six components share almost equally. $\alpha_0 = 1$ is the uniform
# distribution over all possible $\phi$, with 5.7 components above 1 % on average. A prior with $\alpha_0 < 1$ expresses the
# guess "the fewer components in use, the better": one of the reasons why superfluous components will empty later.

# %% [markdown] slide="slide"
# ## 平均場近似と変分下界
#
# 潜在変数 $Z$ (どの点がどの成分から出たか) とパラメータ $\phi, \boldsymbol{\mu}, \Lambda$ をまとめて $\Theta$ と書く。
# 07 章の分解は、$Z$ の代わりに $\Theta$ としてもそのまま成り立つ。任意の分布 $q(\Theta)$ について
#
# $$
# \ln p(X) = \mathcal{L}(q) + \mathrm{KL}\big(q \,\|\, p(\Theta \mid X)\big), \qquad
# \mathcal{L}(q) = \mathbb{E}_q\big[\ln p(X, \Theta)\big] - \mathbb{E}_q\big[\ln q(\Theta)\big].
# $$
#
# $\mathcal{L}(q)$ を **変分下界** と呼ぶ。07 章の下界 (ELBO) $\mathcal{L}(q, \theta)$ では $\theta$ が 1 つの値であったが、ここではパラメータも
# $q$ の中の確率変数である。左辺 $\ln p(X)$ はモデルの **周辺尤度** の対数 (09 章の BIC はその $-2$ 倍を近似していた) であり、$q$ によらない。
# したがって $\mathcal{L}(q)$ を大きくするほど KL ダイバージェンスが小さくなって $q$ は事後分布 $p(\Theta \mid X)$ に近づき、
# $\mathcal{L}(q)$ は周辺尤度の対数を下からよりよく近似する。

# %% [markdown] lang="en"
# ## The mean-field approximation and the variational lower bound
#
# Write $\Theta$ for the latent variables $Z$ (which component each point came from) together with the parameters
# $\phi, \boldsymbol{\mu}, \Lambda$. Chapter 07's decomposition holds unchanged with $\Theta$ in place of $Z$: for any
# distribution $q(\Theta)$,
#
# $$
# \ln p(X) = \mathcal{L}(q) + \mathrm{KL}\big(q \,\|\, p(\Theta \mid X)\big), \qquad
# \mathcal{L}(q) = \mathbb{E}_q\big[\ln p(X, \Theta)\big] - \mathbb{E}_q\big[\ln q(\Theta)\big].
# $$
#
# $\mathcal{L}(q)$ is the **variational lower bound**. In chapter 07's lower bound (the ELBO) $\mathcal{L}(q, \theta)$, $\theta$
# was a single value; here the parameters are random variables inside $q$ as well. The left side, $\ln p(X)$, is the
# logarithm of the model's **marginal likelihood** (chapter 09's BIC approximated $-2$ times it), and it does not depend on
# $q$. So the larger $\mathcal{L}(q)$, the smaller the KL divergence: the closer $q$ is to the posterior $p(\Theta \mid X)$,
# and the better $\mathcal{L}(q)$ approximates the log marginal likelihood from below.

# %% [markdown] slide="subslide"
# 事後分布そのものは計算できないので、$q$ の形を制限する。**平均場近似** は $q$ を次のように因子の積に分ける (PRML 10.42、10.55)。
#
# $$
# q(Z, \phi, \boldsymbol{\mu}, \Lambda) = q(Z)\, q(\phi) \prod_{k=1}^K q(\boldsymbol{\mu}_k, \Lambda_k).
# $$
#
# 他の因子を固定して 1 つの因子 $q_j$ について $\mathcal{L}$ を最大化すると、答えは
# $\ln q_j^\star = \mathbb{E}_{i \ne j}\big[\ln p(X, \Theta)\big] + \text{定数}$ (PRML 10.9) である。
# 因子を順に更新するたびに $\mathcal{L}$ は減らない。$q(Z)$ の更新が E ステップ、$q(\phi)$ と $q(\boldsymbol{\mu}_k, \Lambda_k)$ の
# 更新が M ステップに当たり、EM と同じ座標上昇法になる。

# %% [markdown] lang="en"
# The posterior itself cannot be computed, so we restrict the form of $q$. The **mean-field approximation** splits $q$ into
# a product of factors (PRML 10.42, 10.55):
#
# $$
# q(Z, \phi, \boldsymbol{\mu}, \Lambda) = q(Z)\, q(\phi) \prod_{k=1}^K q(\boldsymbol{\mu}_k, \Lambda_k).
# $$
#
# Maximising $\mathcal{L}$ over one factor $q_j$ with the others held fixed gives
# $\ln q_j^\star = \mathbb{E}_{i \ne j}\big[\ln p(X, \Theta)\big] + \text{const}$ (PRML 10.9). Each update of a factor
# can only raise $\mathcal{L}$. Updating $q(Z)$ plays the part of the E-step, updating $q(\phi)$ and
# $q(\boldsymbol{\mu}_k, \Lambda_k)$ that of the M-step: the same coordinate ascent as EM.

# %% [markdown] slide="slide"
# ## 更新式
#
# 負担率 $r_{nk}$ (PRML に倣った記号であり、03〜05 章の $\gamma_{nk}$ と同じものである) から、EM と同じ統計量 $N_k = \sum_n r_{nk}$、$\bar{\mathbf{x}}_k = \frac{1}{N_k} \sum_n r_{nk} \mathbf{x}_n$、
# $S_k = \frac{1}{N_k} \sum_n r_{nk} (\mathbf{x}_n - \bar{\mathbf{x}}_k)(\mathbf{x}_n - \bar{\mathbf{x}}_k)^\top$ を作る。
#
# **$q(\phi)$.** $\ln q^\star(\phi) = \ln p(\phi) + \mathbb{E}_Z[\ln p(Z \mid \phi)] + \text{定数}
# = \sum_k (\alpha_0 - 1) \ln \phi_k + \sum_k N_k \ln \phi_k + \text{定数}$。これは再びディリクレ分布である (PRML 10.57、10.58)。
#
# $$
# q(\phi) = \mathrm{Dir}(\phi \mid \boldsymbol{\alpha}), \qquad \alpha_k = \alpha_0 + N_k, \qquad
# \mathbb{E}[\phi_k] = \frac{\alpha_k}{\sum_j \alpha_j}.
# $$

# %% [markdown] lang="en"
# ## The updates
#
# From the responsibilities $r_{nk}$ (PRML's symbol for what chapters 03–05 call $\gamma_{nk}$) we form the same statistics as EM: $N_k = \sum_n r_{nk}$,
# $\bar{\mathbf{x}}_k = \frac{1}{N_k} \sum_n r_{nk} \mathbf{x}_n$ and
# $S_k = \frac{1}{N_k} \sum_n r_{nk} (\mathbf{x}_n - \bar{\mathbf{x}}_k)(\mathbf{x}_n - \bar{\mathbf{x}}_k)^\top$.
#
# **$q(\phi)$.** $\ln q^\star(\phi) = \ln p(\phi) + \mathbb{E}_Z[\ln p(Z \mid \phi)] + \text{const}
# = \sum_k (\alpha_0 - 1) \ln \phi_k + \sum_k N_k \ln \phi_k + \text{const}$, which is a Dirichlet distribution again
# (PRML 10.57, 10.58):
#
# $$
# q(\phi) = \mathrm{Dir}(\phi \mid \boldsymbol{\alpha}), \qquad \alpha_k = \alpha_0 + N_k, \qquad
# \mathbb{E}[\phi_k] = \frac{\alpha_k}{\sum_j \alpha_j}.
# $$

# %% [markdown] slide="subslide"
# **$q(\boldsymbol{\mu}_k, \Lambda_k)$.** $\ln q^\star = \ln p(\boldsymbol{\mu}_k, \Lambda_k)
# + \sum_n r_{nk} \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Lambda_k^{-1}) + \text{定数}$ を $\boldsymbol{\mu}_k$ について平方完成すると、
# ガウス–ウィシャート分布 $\mathcal{N}(\boldsymbol{\mu}_k \mid \mathbf{m}_k, (\beta_k \Lambda_k)^{-1}) \mathcal{W}(\Lambda_k \mid W_k, \nu_k)$ になる (PRML 10.59〜10.63)。
#
# $$
# \beta_k = \beta_0 + N_k, \qquad
# \mathbf{m}_k = \frac{\beta_0 \mathbf{m}_0 + N_k \bar{\mathbf{x}}_k}{\beta_k}, \qquad
# \nu_k = \nu_0 + N_k,
# $$
#
# $$
# W_k^{-1} = W_0^{-1} + N_k S_k + \frac{\beta_0 N_k}{\beta_0 + N_k} (\bar{\mathbf{x}}_k - \mathbf{m}_0)(\bar{\mathbf{x}}_k - \mathbf{m}_0)^\top.
# $$
#
# どれも「事前分布の推測」と「$N_k$ 点分のデータ」の重み付きの和である。

# %% [markdown] lang="en"
# **$q(\boldsymbol{\mu}_k, \Lambda_k)$.** Completing the square in $\boldsymbol{\mu}_k$ in
# $\ln q^\star = \ln p(\boldsymbol{\mu}_k, \Lambda_k) + \sum_n r_{nk} \ln \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Lambda_k^{-1}) + \text{const}$
# gives a Gaussian–Wishart distribution
# $\mathcal{N}(\boldsymbol{\mu}_k \mid \mathbf{m}_k, (\beta_k \Lambda_k)^{-1}) \mathcal{W}(\Lambda_k \mid W_k, \nu_k)$ (PRML 10.59–10.63):
#
# $$
# \beta_k = \beta_0 + N_k, \qquad
# \mathbf{m}_k = \frac{\beta_0 \mathbf{m}_0 + N_k \bar{\mathbf{x}}_k}{\beta_k}, \qquad
# \nu_k = \nu_0 + N_k,
# $$
#
# $$
# W_k^{-1} = W_0^{-1} + N_k S_k + \frac{\beta_0 N_k}{\beta_0 + N_k} (\bar{\mathbf{x}}_k - \mathbf{m}_0)(\bar{\mathbf{x}}_k - \mathbf{m}_0)^\top.
# $$
#
# Each is a weighted sum of "the prior's guess" and "$N_k$ points' worth of data".

# %% [markdown] slide="subslide"
# **$q(Z)$.** $\Delta_{nk}^2 = (\mathbf{x}_n - \boldsymbol{\mu}_k)^\top \Lambda_k (\mathbf{x}_n - \boldsymbol{\mu}_k)$ (二乗マハラノビス距離) と書くと、
# 負担率は $r_{nk} = \rho_{nk} / \sum_j \rho_{nj}$ であり、$\rho_{nk}$ は次の式で与えられる (PRML 10.46)。
#
# $$
# \ln \rho_{nk} = \mathbb{E}[\ln \phi_k] + \frac{1}{2} \mathbb{E}[\ln |\Lambda_k|] - \frac{D}{2} \ln 2\pi - \frac{1}{2} \mathbb{E}[\Delta_{nk}^2].
# $$
#
# 3 つの期待値は次のとおりである (PRML 10.64〜10.66。$\psi$ はディガンマ関数 $\psi(a) = \frac{d}{da} \ln \Gamma(a)$)。
#
# $$
# \mathbb{E}[\ln \phi_k] = \psi(\alpha_k) - \psi\Big(\sum_j \alpha_j\Big), \qquad
# \mathbb{E}[\ln |\Lambda_k|] = \sum_{i=1}^D \psi\Big(\frac{\nu_k + 1 - i}{2}\Big) + D \ln 2 + \ln |W_k|,
# $$
#
# $$
# \mathbb{E}[\Delta_{nk}^2] = \frac{D}{\beta_k} + \nu_k (\mathbf{x}_n - \mathbf{m}_k)^\top W_k (\mathbf{x}_n - \mathbf{m}_k).
# $$
#
# EM の E ステップとの違いは、$\ln \phi_k$ が $\psi(\alpha_k) - \psi(\sum_j \alpha_j)$ に、$\ln|\Lambda_k|$ が期待値に
# 置き換わり、二乗マハラノビス距離が $\mathbf{m}_k$ から $\Lambda_k$ の平均 $\nu_k W_k$ を使って測られ、さらに $D / \beta_k$ が足されることだけである。これを numpy で書く。

# %% [markdown] lang="en"
# **$q(Z)$.** Writing $\Delta_{nk}^2 = (\mathbf{x}_n - \boldsymbol{\mu}_k)^\top \Lambda_k (\mathbf{x}_n - \boldsymbol{\mu}_k)$ (the squared
# Mahalanobis distance), $r_{nk} = \rho_{nk} / \sum_j \rho_{nj}$ with (PRML 10.46)
#
# $$
# \ln \rho_{nk} = \mathbb{E}[\ln \phi_k] + \frac{1}{2} \mathbb{E}[\ln |\Lambda_k|] - \frac{D}{2} \ln 2\pi - \frac{1}{2} \mathbb{E}[\Delta_{nk}^2].
# $$
#
# The three expectations are (PRML 10.64–10.66; $\psi$ is the digamma function $\psi(a) = \frac{d}{da} \ln \Gamma(a)$):
#
# $$
# \mathbb{E}[\ln \phi_k] = \psi(\alpha_k) - \psi\Big(\sum_j \alpha_j\Big), \qquad
# \mathbb{E}[\ln |\Lambda_k|] = \sum_{i=1}^D \psi\Big(\frac{\nu_k + 1 - i}{2}\Big) + D \ln 2 + \ln |W_k|,
# $$
#
# $$
# \mathbb{E}[\Delta_{nk}^2] = \frac{D}{\beta_k} + \nu_k (\mathbf{x}_n - \mathbf{m}_k)^\top W_k (\mathbf{x}_n - \mathbf{m}_k).
# $$
#
# The only differences from EM's E-step: $\ln \phi_k$ becomes $\psi(\alpha_k) - \psi(\sum_j \alpha_j)$, $\ln|\Lambda_k|$ becomes
# its expectation, and the squared Mahalanobis distance is measured from $\mathbf{m}_k$ with $\nu_k W_k$, the mean of
# $\Lambda_k$, and gets $D / \beta_k$ added. Now in numpy.

# %% slide="subslide"
from scipy.special import digamma  # psi(a), the derivative of ln Gamma(a)


def vb_m_step(X, responsibilities, prior):
    """q(phi) = Dir(alpha) and q(mu_k, Lambda_k) = N(m_k, (beta_k Lambda_k)^-1) W(W_k, nu_k) (PRML 10.51-10.63)."""
    N_k = responsibilities.sum(axis=0) + 10 * np.finfo(float).eps  # (K,); as scikit-learn: no 0 / 0
    x_bar = responsibilities.T @ X / N_k[:, None]  # (K, d)
    diff = X[None, :, :] - x_bar[:, None, :]  # (K, n, d)
    S = np.einsum("nk,kni,knj->kij", responsibilities, diff, diff) / N_k[:, None, None]  # (K, d, d)
    alpha = prior["alpha0"] + N_k
    beta = prior["beta0"] + N_k
    m = (prior["beta0"] * prior["m0"] + N_k[:, None] * x_bar) / beta[:, None]
    dx = x_bar - prior["m0"]  # (K, d)
    W_inv = (prior["W0_inv"] + N_k[:, None, None] * S
             + (prior["beta0"] * N_k / beta)[:, None, None] * dx[:, :, None] * dx[:, None, :])
    nu = prior["nu0"] + N_k
    return alpha, beta, m, np.linalg.inv(W_inv), nu


def vb_e_step(X, alpha, beta, m, W, nu):
    """q(Z): the responsibilities r_nk (PRML 10.46, 10.64-10.67), (n, K)."""
    d = X.shape[1]
    E_log_phi = digamma(alpha) - digamma(alpha.sum())  # (K,)
    E_log_det = digamma(0.5 * (nu[:, None] - np.arange(d))).sum(axis=1) + d * np.log(2) + np.linalg.slogdet(W)[1]
    diff = X[:, None, :] - m[None, :, :]  # (n, K, d)
    E_maha = d / beta + nu * np.einsum("nki,kij,nkj->nk", diff, W, diff)  # (n, K) E[Delta_nk^2]
    log_rho = E_log_phi + 0.5 * E_log_det - 0.5 * d * np.log(2 * np.pi) - 0.5 * E_maha
    rho = np.exp(log_rho - log_rho.max(axis=1, keepdims=True))  # log-sum-exp, as in chapter 03
    return rho / rho.sum(axis=1, keepdims=True)


# %% [markdown] slide="slide"
# ## Old Faithful: K = 6 から始めて何成分が残るか
#
# Old Faithful は米国イエローストーン国立公園の間欠泉で、データは 272 回の噴出それぞれの噴出時間 (分) と次の噴出までの待ち時間 (分) である
# (Azzalini & Bowman 1990、Härdle 1991。R の `datasets::faithful` と同じもので、PRML の付録 A でも使われている)。
# `gt.old_faithful()` が形 (272, 2) の配列を返す。PRML 図 10.6 と同じく各列を平均 0、標準偏差 1 に標準化し、
# $K = 6$、$\alpha_0 = 0.01$ で推定する (PRML は $\alpha_0 = 10^{-3}$ を使うが、次節の比較でも同じ 2 成分が残る)。他のハイパーパラメータは scikit-learn の既定値 ($\beta_0 = 1$、$\mathbf{m}_0$ はデータの平均、
# $\nu_0 = D$、$W_0^{-1}$ はデータの共分散行列) とする。初期の負担率は乱数 (シード 0) で作り、同じものを `gt.fit_variational` にも渡して、
# 上の 2 つの関数を同じ反復回数だけ繰り返した結果と比べる。`reg_covar=0.0` は、パッケージが $S_k$ に足す小さな値を外し、式のとおりにする指定である。

# %% [markdown] lang="en"
# ## Old Faithful: start with K = 6 and see how many survive
#
# Old Faithful is a geyser in Yellowstone National Park, USA; the data are the eruption time (minutes) and the waiting time
# to the next eruption (minutes) of 272 eruptions (Azzalini & Bowman 1990, Härdle 1991; the same as R's `datasets::faithful`,
# and used in PRML's Appendix A). `gt.old_faithful()` returns them as an array of shape (272, 2). As in PRML's Figure 10.6 we
# standardise each column to mean 0 and standard deviation 1, and fit with $K = 6$ and $\alpha_0 = 0.01$ (PRML uses
# $\alpha_0 = 10^{-3}$, which gives the same two components in the next section's sweep). The other
# hyperparameters are scikit-learn's defaults ($\beta_0 = 1$, $\mathbf{m}_0$ the mean of the data, $\nu_0 = D$, $W_0^{-1}$ the
# covariance matrix of the data). The initial responsibilities are random (seed 0); we pass the same ones to
# `gt.fit_variational` and compare it with our two functions repeated for the same number of iterations. `reg_covar=0.0`
# turns off the small value the package adds to $S_k$, so that it follows the formulas exactly.

# %% slide="subslide"
X_raw = gt.old_faithful()  # (272, 2): eruption time and waiting time, in minutes
X = (X_raw - X_raw.mean(axis=0)) / X_raw.std(axis=0)  # standardised, as in PRML
n, d = X.shape
prior = {"alpha0": 0.01, "beta0": 1.0, "m0": X.mean(axis=0), "nu0": float(d), "W0_inv": np.cov(X.T)}
start = np.random.default_rng(0).dirichlet(np.ones(K), size=n)  # random initial responsibilities, (n, K)
result = gt.fit_variational(X, K, weight_concentration_prior=prior["alpha0"], init=start, reg_covar=0.0)

post = vb_m_step(X, start, prior)  # the first q(phi) q(mu, Lambda), from the initial responsibilities
weights_history = [post[0] / post[0].sum()]
for iteration in range(result.n_iter):
    responsibilities = vb_e_step(X, *post)
    post = vb_m_step(X, responsibilities, prior)
    weights_history.append(post[0] / post[0].sum())
alpha, beta, m, W, nu = post
print("iterations:", result.n_iter, "| converged:", result.converged)
print("alpha:", " ".join(f"{a:.2f}" for a in alpha))
print("same as gt.fit_variational:", np.allclose(alpha, result.alpha), np.allclose(m, result.m),
      np.allclose(W, result.W), np.allclose(nu, result.nu))

# %% [markdown]
# 手で書いた更新式と `gt.fit_variational` は、$\alpha$、$\mathbf{m}$、$W$、$\nu$ のすべてで一致した。$\alpha$ を見ると、6 つの成分のうち
# 2 つだけが 97 と 175 ほどの値をもち、残りの 4 つは事前分布の $\alpha_0 = 0.01$ のままである。残りの 4 成分には、
# データが 1 点分も割り当てられていないのである。反復ごとの $\mathbb{E}[\phi_k]$ と、最後の推定を図に描く
# (コードの成分 0 が式の $k = 1$ に当たる)。

# %% [markdown] lang="en"
# The hand-written updates agree with `gt.fit_variational` in $\alpha$, $\mathbf{m}$, $W$ and $\nu$. Look at $\alpha$: only two
# of the six components have sizeable values, about 97 and 175; the other four are left at the prior's $\alpha_0 = 0.01$.
# Not even one point's worth of data is assigned to those four. Next we plot $\mathbb{E}[\phi_k]$ over the iterations, and the
# final fit (the code's component 0 is the formulas' $k = 1$).

# %% slide="subslide"
weights_history = np.array(weights_history)  # (n_iter + 1, K)
survivors = result.weights > 0.01
fig, axes = plt.subplots(1, 3, figsize=(16, 4.4), width_ratios=[1.1, 1, 1])
for k in range(K):
    axes[0].plot(weights_history[:, k], color=f"C{k}", label=f"component {k}")
axes[0].set(title=r"$E[\phi_k]$ over the iterations", xlabel="Iteration", ylabel=r"$E[\phi_k]$")
axes[0].legend(fontsize=8)
kept = gt.GMMParams(result.weights[survivors] / result.weights[survivors].sum(), result.params.mu[survivors],
                    result.params.sigma[survivors])
colours = [f"C{k}" for k in np.flatnonzero(survivors)]  # the colours of the left panel
gt.plot.draw_points(axes[1], X, result.responsibilities[:, survivors], colors=colours)
gt.plot.draw_ellipses(axes[1], kept, radii=(1, 2), colors=colours)
gt.plot.draw_means(axes[1], kept, colors=colours)
axes[1].set(title=rf"Components with $E[\phi_k] > 0.01$: {survivors.sum()} of {K}", xlabel="eruption (standardised)",
            ylabel="waiting (standardised)", aspect="equal")
axes[2].plot(np.arange(1, result.n_iter + 1), result.lower_bounds, marker=".")
axes[2].set(title="Variational lower bound", xlabel="Iteration", ylabel=r"$\mathcal{L}(q)$")
plt.show()
print("E[phi]:", np.round(result.weights, 4))
print("lower bound never decreases:", bool(np.all(np.diff(result.lower_bounds) >= 0)),
      f"| first {result.lower_bounds[0]:.2f}, last {result.lower_bounds[-1]:.2f}")

# %% [markdown] slide="subslide"
# 左の図で、最初はどの成分も $\mathbb{E}[\phi_k] \approx 1/6$ であるが、反復が進むと 4 つの成分の重みが 0 へ落ち、
# 2 つの成分が 0.64 と 0.36 を受け持つ。中央の図の 2 つの楕円は、「噴出が短く待ち時間も短い」群と「噴出が長く待ち時間も長い」群であり、
# PRML の図 10.6 と同じ結果である。右の図の変分下界は、07 章の対数尤度と同じく、反復の間に一度も減らずに上がり、やがて横ばいになる。

# %% [markdown] lang="en"
# In the left figure every component starts at $\mathbb{E}[\phi_k] \approx 1/6$; as the iterations go on, the weights of four
# components fall to 0 and two components take 0.64 and 0.36. The two ellipses in the middle are the group "short eruption, short
# wait" and the group "long eruption, long wait": the same result as PRML's Figure 10.6. On the right, the variational lower
# bound, like the log-likelihood of chapter 07, never falls from one iteration to the next and levels off.

# %% [markdown] slide="subslide"
# なぜ成分が空になるのか。$q(Z)$ の更新に効くのは $\exp \mathbb{E}[\ln \phi_k] = \exp\{\psi(\alpha_k) - \psi(\sum_j \alpha_j)\}$ である。
# $\alpha$ が大きいとこれは $\alpha_k / \sum_j \alpha_j$ にほぼ等しいが、$\alpha_k$ が小さいと $\psi(\alpha_k) \approx -1/\alpha_k$ なので
# ずっと小さくなる。少ししか点を集めていない成分は、最尤推定の $N_k / N$ よりも強く割り引かれ、次の反復でさらに点を失う。
# 2 つの成分で十分に説明できるデータでは、余分な成分を使うことは変分下界を下げるだけなのである。

# %% [markdown] lang="en"
# Why do components empty? What the update of $q(Z)$ uses is $\exp \mathbb{E}[\ln \phi_k] = \exp\{\psi(\alpha_k) - \psi(\sum_j \alpha_j)\}$.
# For large $\alpha$ this is close to $\alpha_k / \sum_j \alpha_j$, but for small $\alpha_k$, $\psi(\alpha_k) \approx -1/\alpha_k$, so
# it is much smaller. A component that has gathered only a few points is discounted harder than maximum likelihood's
# $N_k / N$ would, and it loses still more points at the next iteration. When two components explain the data well,
# using a superfluous one only lowers the variational lower bound.

# %% [markdown] slide="slide"
# ## ハイパーパラメータの役割
#
# 集中度パラメータ $\alpha_0$ を $10^{-3}$ から $10^{3}$ まで変え、それぞれ k-means++ の初期化 (シード 0) で推定して、
# $\mathbb{E}[\phi_k] > 0.01$ の成分がいくつ残るかを数える。

# %% [markdown] lang="en"
# ## What the hyperparameters do
#
# We vary the concentration parameter $\alpha_0$ from $10^{-3}$ to $10^{3}$, fit each with the k-means++ initialisation (seed 0),
# and count the components with $\mathbb{E}[\phi_k] > 0.01$.

# %%
alpha0_values = [1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1000.0]
sweep = [gt.fit_variational(X, K, weight_concentration_prior=a0, seed=0) for a0 in alpha0_values]
for a0, r in zip(alpha0_values, sweep):
    print(f"alpha0 = {a0:>6g}: {int((r.weights > 0.01).sum())} components left, "
          f"sorted E[phi] {np.round(np.sort(r.weights)[::-1], 3)}")

# %% [markdown] slide="subslide"
# $\alpha_0 \le 1$ では 2 成分だけが残り、$\alpha_0 = 10$ 以上では 6 成分すべてが使われる。$\alpha_0 = 1$ の事前分布は $\phi$ について一様で、
# 少数の成分を好むわけではないのに、それでも 4 成分は 1 % 未満 (0.004) に縮む。前の節で見た $\psi$ による割り引きは、
# 事前分布とは別に、変分下界そのものが余分な成分に課す罰なのである。一方、$\alpha_0$ が大きいと、事前分布は
# 「6 成分がほぼ等しい重みをもつ」ことを強く主張し、$\alpha_0 = 1000$ ではデータの 272 点よりも事前分布のほうが重くなって、
# 重みはすべて 1/6 に近づく。

# %% [markdown] lang="en"
# With $\alpha_0 \le 1$ only two components survive; from $\alpha_0 = 10$ on, all six are used. The prior with $\alpha_0 = 1$ is
# uniform in $\phi$ and has no preference for few components, yet four components still shrink below 1 % (0.004). The
# discount by $\psi$ that we saw in the previous section is a penalty that the variational lower bound itself puts on
# superfluous components, apart from the prior. With a large $\alpha_0$, on the other hand, the prior insists firmly that
# "the six components have nearly equal weights"; at $\alpha_0 = 1000$ the prior outweighs the 272 data points and every
# weight approaches 1/6.

# %% [markdown] slide="subslide"
# 他のハイパーパラメータも「推測」と「その重み」の組である。$\beta_0$ を大きくすると各成分の平均 $\mathbf{m}_k$ が $\mathbf{m}_0$ に
# 引き寄せられ (演習 3)、$\nu_0$ を大きくすると共分散行列 $(\nu_k W_k)^{-1}$ が事前分布の推測 $W_0^{-1} / \nu_0$ に引き寄せられる
# (推測そのものを変えないためには、$W_0^{-1}$ も $\nu_0$ に比例して大きくする)。データが十分に多い成分
# ($N_k \gg \beta_0, \nu_0$) では、どちらの影響も小さい。
#
# 次のウィジェットでは $\alpha_0$ と $K$ の上限をスライダーで動かし、残る成分の数と楕円、$\mathbb{E}[\phi_k]$ を見る。

# %% [markdown] lang="en"
# The other hyperparameters, too, are pairs of "a guess" and "its weight". A larger $\beta_0$ pulls the means
# $\mathbf{m}_k$ towards $\mathbf{m}_0$ (exercise 3), and a larger $\nu_0$ pulls the covariance matrices $(\nu_k W_k)^{-1}$ towards the
# prior's guess $W_0^{-1} / \nu_0$ (to keep the guess itself unchanged, scale $W_0^{-1}$ up with $\nu_0$).
# For components with plenty of data ($N_k \gg \beta_0, \nu_0$), both effects are small.
#
# In the next widget, move $\alpha_0$ and the largest $K$ with sliders, and watch how many components survive, their
# ellipses and $\mathbb{E}[\phi_k]$.

# %% slide="subslide"
# NBVAL_IGNORE_OUTPUT
gt.widgets.variational_explorer(X, K_max=K, weight_concentration_prior=prior["alpha0"], seed=0)

# %% [markdown] slide="subslide"
# 試してみること:
#
# - $\alpha_0$ を 0.01 から 10 まで少しずつ上げ、2 成分の解が崩れて成分が増えていく境目を探す。
# - $K$ の上限を 2、3 と下げる。$K = 2$ ではどの $\alpha_0$ でも 2 成分が使われ、$\alpha_0$ が小さければ $K$ の上限を上げても 2 成分しか残らない。
# - $\alpha_0$ が大きいときに現れる余分な成分の楕円が、データのどこに置かれているかを見る。

# %% [markdown] lang="en"
# Things to try:
#
# - Raise $\alpha_0$ step by step from 0.01 to 10 and find where the two-component solution breaks up and more components appear.
# - Lower the largest $K$ to 2 and 3. With $K = 2$ both components are used whatever $\alpha_0$ is; when $\alpha_0$ is small,
#   raising the largest $K$ still leaves only two components.
# - Look at where in the data the ellipses of the extra components sit when $\alpha_0$ is large.

# %% [markdown] slide="slide"
# ## BIC との比較
#
# 09 章の方法で同じデータの $K$ を選ぶ。$K = 1, \dots, 6$ のそれぞれについて、k-means++ の初期化でシード 0〜4 の 5 通りを試して
# 最もよい最尤推定を残し (`gt.fit_best_of`)、BIC が最小になる $K$ を探す。

# %% [markdown] lang="en"
# ## Comparison with BIC
#
# Now we choose $K$ for the same data the chapter 09 way: maximum-likelihood fits for $K = 1, \dots, 6$, each the best of five
# k-means++ starts (seeds 0 to 4, `gt.fit_best_of`), and the $K$ with the smallest BIC.

# %%
K_values = np.arange(1, K + 1)
fits_em = [gt.fit_best_of(X, k, seeds=range(5), init="kmeans++") for k in K_values]
bic = np.array([gt.bic(X, r.params) for r in fits_em])
print(f"BIC minus its minimum, K = 1..{K}:", np.round(bic - bic.min(), 1))
print("K chosen by BIC:", K_values[np.argmin(bic)], "| components left by the variational fit:", int(survivors.sum()))
em2 = fits_em[1]  # the maximum-likelihood fit with K = 2
order_em, order_vb = np.argsort(em2.params.phi), np.argsort(result.weights[survivors])
print("K = 2, maximum likelihood: phi", np.round(em2.params.phi[order_em], 4), "mu", np.round(em2.params.mu[order_em], 4).tolist())
print("variational, E[phi] and m: ", np.round(result.weights[survivors][order_vb], 4), np.round(result.m[survivors][order_vb], 4).tolist())

# %% [markdown] slide="subslide"
# BIC も $K = 2$ を選び、変分ベイズで残った 2 成分と答えが一致した。2 成分の推定値もほぼ同じである。違いは手間と考え方にある。
# BIC は $K$ ごとに推定し直し (ここでは 6 通り × 5 回)、周辺尤度を $N$ が大きいときの近似で比べる。変分ベイズは $K$ の上限で 1 回推定するだけで、
# 対数周辺尤度の下界 $\mathcal{L}(q)$ を直接大きくし、その過程で不要な成分を空にする。そのうえ、点推定だけでなくパラメータの
# 事後分布 (どのくらい確かか) が得られる。ただし、変分ベイズにも初期値による局所最適解があり、結果は事前分布の選び方に依存する。
# 標本が少ないときほど、ハイパーパラメータを変えて結果が変わらないかを確かめるべきである。

# %% [markdown] lang="en"
# BIC also chooses $K = 2$, in agreement with the two components that survived the variational fit, and the two fits give
# nearly the same estimates. The difference lies in the work and in the reasoning. BIC fits again for every $K$ (here 6
# values × 5 starts) and compares marginal likelihoods through a large-$N$ approximation. Variational Bayes fits once, at
# the largest $K$, raises a lower bound $\mathcal{L}(q)$ on the log marginal likelihood directly, and empties the superfluous
# components on the way. It also gives a posterior distribution over the parameters (how certain they are), not only point
# estimates. But variational Bayes has local optima that depend on the start too, and its result depends on the choice of
# prior: the fewer the data, the more you should check that other hyperparameters do not change the answer.

# %% [markdown] slide="slide"
# ## scikit-learn との比較
#
# scikit-learn の `BayesianGaussianMixture` で `weight_concentration_prior_type="dirichlet_distribution"` とすると、同じモデルになる
# (既定の `"dirichlet_process"` は、ディリクレ過程と呼ばれる別の事前分布である)。初期化は scikit-learn 自身の k-means によるので、
# 比べるのは最後に残った成分である。

# %% [markdown] lang="en"
# ## Comparison with scikit-learn
#
# scikit-learn's `BayesianGaussianMixture` with `weight_concentration_prior_type="dirichlet_distribution"` is the same model
# (its default, `"dirichlet_process"`, is a different prior, the Dirichlet process). Its initialisation is scikit-learn's own
# k-means, so what we compare are the components that survive.

# %% slide="subslide"
from sklearn.mixture import BayesianGaussianMixture

sk = BayesianGaussianMixture(n_components=K, weight_concentration_prior_type="dirichlet_distribution",
                             weight_concentration_prior=prior["alpha0"], max_iter=500, random_state=0).fit(X)
ours = sweep[alpha0_values.index(prior["alpha0"])]  # gt.fit_variational with the same alpha0, k-means++ (seed 0)
top_ours, top_sk = np.argsort(ours.weights)[::-1][:2], np.argsort(sk.weights_)[::-1][:2]
print(f"{'':22}{'E[phi]':>9}{'m[0]':>9}{'m[1]':>9}{'sigma[0,0]':>11}{'sigma[0,1]':>11}{'sigma[1,1]':>11}")
for name, w, mu, cov in [("gmm_teach", ours.weights[top_ours], ours.params.mu[top_ours], ours.params.sigma[top_ours]),
                         ("scikit-learn", sk.weights_[top_sk], sk.means_[top_sk], sk.covariances_[top_sk])]:
    for i, rank in enumerate(("largest", "second")):  # the two components by E[phi], not component numbers
        print(f"{f'{name} ({rank})':22}{w[i]:9.4f}{mu[i, 0]:9.4f}{mu[i, 1]:9.4f}"
              f"{cov[i, 0, 0]:11.4f}{cov[i, 0, 1]:11.4f}{cov[i, 1, 1]:11.4f}")
print("components left: gmm_teach", int((ours.weights > 0.01).sum()), "| scikit-learn", int((sk.weights_ > 0.01).sum()))

# %% [markdown]
# 残った 2 成分の $\mathbb{E}[\phi_k]$、平均、共分散行列は、小数第 4 位まで一致した (scikit-learn の `covariances_` は
# $(\nu_k W_k)^{-1}$ であり、`gt.fit_variational` の `params.sigma` も同じ量である)。初期化が違っても、同じ解にたどり着いている。

# %% [markdown] lang="en"
# The $\mathbb{E}[\phi_k]$, means and covariance matrices of the two surviving components agree to four decimal places
# (scikit-learn's `covariances_` are $(\nu_k W_k)^{-1}$, and so is `params.sigma` of `gt.fit_variational`). Despite the different
# initialisations, both arrive at the same solution.

# %% [markdown] slide="slide"
# ## reg_covar は事前分布である: MAP 推定
#
# 事後分布の全体ではなく、その最頻値 $\hat\theta = \arg\max_\theta \{\ln p(X \mid \theta) + \ln p(\theta)\}$ だけを求めるのが
# **MAP 推定** (最大事後確率推定) である。EM はそのまま使える。E ステップは同じで、M ステップが $Q(\theta)$ の代わりに
# $Q(\theta) + \ln p(\theta)$ を最大化する。各 $\Sigma_k$ に逆ウィシャート分布の事前分布
# $p(\Sigma_k) \propto |\Sigma_k|^{-(\nu_0 + D + 1)/2} \exp\{-\frac{1}{2} \mathrm{tr}(\Psi \Sigma_k^{-1})\}$ ($\Psi$ は固定した正定値行列) を置くと、
# $\Sigma_k$ を含む項は $-\frac{1}{2}(N_k + \nu_0 + D + 1) \ln|\Sigma_k| - \frac{1}{2} \mathrm{tr}\{(N_k S_k + \Psi) \Sigma_k^{-1}\}$ であり、
# $\Sigma_k^{-1}$ で微分して 0 とおくと
#
# $$
# \Sigma_k = \frac{\Psi + N_k S_k}{\nu_0 + D + 1 + N_k}.
# $$
#
# 1 点につぶれかけた成分 ($N_k \approx 1$、$S_k \approx 0$) でも $\Sigma_k \approx \Psi / (\nu_0 + D + 2)$ にとどまり、0 にはならない。
# 08 章の特異点は、事前分布を入れた目的関数にはもう存在しないのである。変分ベイズの共分散行列
# $(\nu_k W_k)^{-1} = (W_0^{-1} + N_k S_k + \cdots) / (\nu_0 + N_k)$ も、同じ「事前分布 + データ」の形をしている。

# %% [markdown] lang="en"
# ## reg_covar as a prior: MAP estimation
#
# **MAP estimation** (maximum a posteriori) looks not for the whole posterior but only for its mode,
# $\hat\theta = \arg\max_\theta \{\ln p(X \mid \theta) + \ln p(\theta)\}$. EM works unchanged: the E-step is the same, and the
# M-step maximises $Q(\theta) + \ln p(\theta)$ instead of $Q(\theta)$. Put an inverse-Wishart prior
# $p(\Sigma_k) \propto |\Sigma_k|^{-(\nu_0 + D + 1)/2} \exp\{-\frac{1}{2} \mathrm{tr}(\Psi \Sigma_k^{-1})\}$ (with $\Psi$ a fixed
# positive definite matrix) on each $\Sigma_k$. The terms containing $\Sigma_k$ are then
# $-\frac{1}{2}(N_k + \nu_0 + D + 1) \ln|\Sigma_k| - \frac{1}{2} \mathrm{tr}\{(N_k S_k + \Psi) \Sigma_k^{-1}\}$; setting the
# derivative with respect to $\Sigma_k^{-1}$ to 0 gives
#
# $$
# \Sigma_k = \frac{\Psi + N_k S_k}{\nu_0 + D + 1 + N_k}.
# $$
#
# Even a component collapsing onto one point ($N_k \approx 1$, $S_k \approx 0$) keeps $\Sigma_k \approx \Psi / (\nu_0 + D + 2)$, never 0:
# the singularities of chapter 08 no longer exist in the objective with the prior. The covariance matrix of variational Bayes,
# $(\nu_k W_k)^{-1} = (W_0^{-1} + N_k S_k + \cdots) / (\nu_0 + N_k)$, has the same "prior + data" form.

# %% [markdown] slide="subslide"
# 対角に `reg_covar` の値 $\varepsilon$ を足す M ステップ $\Sigma_k = S_k + \varepsilon I = (N_k \varepsilon I + N_k S_k) / N_k$ は、この式で
# $\Psi = N_k \varepsilon I$、$\nu_0 + D + 1 = 0$ としたものに当たる。正確には、$\Psi$ が成分自身の $N_k$ に比例するので固定した事前分布ではない。
# それでも「共分散行列を正定値の推測の側へ押す」という働きは同じで、MAP 推定の近似と読める。
# 08 章の例 (教科書のデータに外れ値 $(10, -5)$ を 1 点加え、$K = 4$、k-means++ のシード 4) で、$\Psi = 0.1 I$、$\nu_0 = D$ の MAP 推定の EM を動かす。

# %% [markdown] lang="en"
# The M-step of `reg_covar`, adding $\varepsilon$ to the diagonal, $\Sigma_k = S_k + \varepsilon I = (N_k \varepsilon I + N_k S_k) / N_k$, is this
# formula with $\Psi = N_k \varepsilon I$ and $\nu_0 + D + 1 = 0$. Strictly, it is not a fixed prior, since this $\Psi$ grows with
# the component's own $N_k$. Its effect is the same, though, pushing the covariance towards a positive definite guess, and
# it reads as an approximation of MAP estimation. We run EM for MAP estimation with $\Psi = 0.1 I$ and $\nu_0 = D$ on
# chapter 08's example (the textbook data plus one outlier at $(10, -5)$, $K = 4$, k-means++ with seed 4).

# %% slide="subslide"
def map_m_step(X, responsibilities, Psi, nu0):
    """M-step of EM for MAP estimation, an inverse-Wishart prior IW(Psi, nu0) on every Sigma_k (phi, mu as in ML)."""
    n, d = X.shape
    N_k = responsibilities.sum(axis=0)  # (K,)
    mu = responsibilities.T @ X / N_k[:, None]  # (K, d)
    diff = X[None, :, :] - mu[:, None, :]  # (K, n, d)
    NS = np.einsum("nk,kni,knj->kij", responsibilities, diff, diff)  # N_k S_k, (K, d, d)
    return gt.GMMParams(N_k / n, mu, (Psi + NS) / (nu0 + d + 1 + N_k)[:, None, None])


X_out = np.vstack([gt.textbook_data(), [[10.0, -5.0]]])  # chapter 08: the textbook data and one outlier
try:
    gt.fit(X_out, 4, init="kmeans++", seed=4, reg_covar=0.0)
except gt.ComponentCollapseError as err:
    print(f"maximum likelihood, reg_covar = 0: {type(err).__name__} (component {err.component})")
Psi, nu0_map = 0.1 * np.eye(2), 2.0
params = gt.init_params(X_out, 4, init="kmeans++", seed=4)
smallest = []  # the smallest eigenvalue of each Sigma_k, per iteration
for iteration in range(150):
    params = map_m_step(X_out, gt.e_step(X_out, params)[0], Psi, nu0_map)
    smallest.append(np.linalg.eigvalsh(params.sigma)[:, 0])
smallest = np.array(smallest)  # (150, K)
print("MAP-EM: points per component", np.round(params.phi * len(X_out), 2),
      "| smallest eigenvalue of each Sigma_k", np.round(smallest[-1], 4))
print(f"the floor Psi / (nu0 + d + 1 + N_k) at N_k = 1: {Psi[0, 0] / (nu0_map + X_out.shape[1] + 1 + 1):.4f}")

# %% slide="subslide"
fig, ax = plt.subplots(figsize=(8, 4))
for k in range(smallest.shape[1]):
    ax.plot(np.arange(1, len(smallest) + 1), smallest[:, k], color=f"C{k}", label=f"component {k}")
ax.axhline(1e-6, color="0.4", linestyle="--", label="reg_covar = 1e-6 (chapter 08)")
ax.set(yscale="log", title=r"MAP-EM with $\Psi = 0.1 I$: smallest eigenvalue of each $\Sigma_k$",
       xlabel="Iteration", ylabel="Smallest eigenvalue")
ax.legend(fontsize=8)
plt.show()

# %% [markdown] slide="subslide"
# 最尤推定 (`reg_covar=0`) は 08 章と同じく `ComponentCollapseError` で止まる。MAP 推定の EM では、外れ値を 1 点だけ抱えた成分が同じように
# 縮み始めるが、最小の固有値は $\Psi / (\nu_0 + D + 2) = 0.1 / 6 \approx 0.0167$ に落ち着き、150 回の反復を最後まで走る。
# 08 章の `reg_covar = 1e-6` では同じ成分の分散が $10^{-6}$ まで落ちたのに比べると、下限は 4 桁も高い。
# 事前分布は、外れ値を抱えた成分を消しはしないが、その成分が対数尤度を際限なく大きくすることは許さない。
# 変分ベイズはさらに進んで、パラメータを 1 つの値に決めずに分布のまま扱い、その成分を使うこと自体の損得を変分下界で量る。

# %% [markdown] lang="en"
# Maximum likelihood (`reg_covar=0`) stops with `ComponentCollapseError`, as in chapter 08. In EM for MAP estimation the
# component holding the outlier alone starts to shrink in the same way, but its smallest eigenvalue settles at
# $\Psi / (\nu_0 + D + 2) = 0.1 / 6 \approx 0.0167$, and all 150 iterations run to the end. With `reg_covar = 1e-6` in chapter 08
# the variance of the same component fell to $10^{-6}$; this floor is four orders of magnitude higher. The prior does not remove the
# component that holds the outlier, but it does not let that component earn an unbounded log-likelihood either.
# Variational Bayes goes one step further: it keeps the parameters as distributions instead of single values, and weighs
# with the variational lower bound whether the component is worth using at all.

# %% [markdown] slide="slide"
# ## まとめ
#
# - 変分ベイズでは、パラメータに事前分布を置く。混合係数にはディリクレ分布 $\mathrm{Dir}(\phi \mid \alpha_0)$、平均と精度行列には
#   ガウス–ウィシャート分布を置き、ハイパーパラメータは「推測」と「それが何点分のデータに当たるか」の組である。
# - 平均場近似 $q(Z) q(\phi) \prod_k q(\boldsymbol{\mu}_k, \Lambda_k)$ のもとで変分下界 $\mathcal{L}(q)$ を 1 因子ずつ最大化する。
#   07 章の下界 (ELBO) と同じ分解 $\ln p(X) = \mathcal{L}(q) + \mathrm{KL}$ であり、変分下界は反復ごとに減らない。

# %% [markdown] lang="en"
# ## Summary
#
# - Variational Bayes puts priors on the parameters: a Dirichlet distribution $\mathrm{Dir}(\phi \mid \alpha_0)$ on the mixing
#   coefficients and a Gaussian–Wishart distribution on the means and precision matrices. Each hyperparameter pairs "a guess"
#   with "how many data points it is worth".
# - Under the mean-field approximation $q(Z) q(\phi) \prod_k q(\boldsymbol{\mu}_k, \Lambda_k)$, the variational lower bound
#   $\mathcal{L}(q)$ is maximised one factor at a time. It is the same decomposition $\ln p(X) = \mathcal{L}(q) + \mathrm{KL}$ as
#   chapter 07's lower bound (the ELBO), and the bound never falls from one iteration to the next.

# %% [markdown] slide="subslide"
# - 更新式は $\alpha_k = \alpha_0 + N_k$、$\beta_k = \beta_0 + N_k$、$\mathbf{m}_k = (\beta_0 \mathbf{m}_0 + N_k \bar{\mathbf{x}}_k) / \beta_k$、
#   $W_k^{-1} = W_0^{-1} + N_k S_k + \cdots$、$\nu_k = \nu_0 + N_k$ と、$\mathbb{E}[\ln \phi_k] = \psi(\alpha_k) - \psi(\sum_j \alpha_j)$ を使う負担率である。
#   手で書いた更新式は `gt.fit_variational` と一致し、scikit-learn の `BayesianGaussianMixture` とも同じ解になる。
# - Old Faithful のデータに $K = 6$、$\alpha_0 = 0.01$ で当てはめると 2 成分だけが残り、09 章の BIC も $K = 2$ を選ぶ。
#   $\alpha_0$ が大きいと、事前分布がすべての成分を使わせる。
# - `reg_covar` は、共分散行列に事前分布を置いた MAP 推定の M ステップの近似と読める。固定した逆ウィシャート分布の事前分布では
#   $\Sigma_k = (\Psi + N_k S_k) / (\nu_0 + D + 1 + N_k)$ となり、08 章の特異点が消える。

# %% [markdown] lang="en"
# - The updates are $\alpha_k = \alpha_0 + N_k$, $\beta_k = \beta_0 + N_k$, $\mathbf{m}_k = (\beta_0 \mathbf{m}_0 + N_k \bar{\mathbf{x}}_k) / \beta_k$,
#   $W_k^{-1} = W_0^{-1} + N_k S_k + \cdots$, $\nu_k = \nu_0 + N_k$, and responsibilities that use
#   $\mathbb{E}[\ln \phi_k] = \psi(\alpha_k) - \psi(\sum_j \alpha_j)$. The hand-written updates agree with `gt.fit_variational`,
#   which reaches the same solution as scikit-learn's `BayesianGaussianMixture`.
# - Fitted to the Old Faithful data with $K = 6$ and $\alpha_0 = 0.01$, only two components survive, and chapter 09's BIC also
#   chooses $K = 2$. With a large $\alpha_0$ the prior makes every component be used.
# - `reg_covar` reads as an approximation of the M-step of MAP estimation with a prior on the covariance matrices. With a
#   fixed inverse-Wishart prior, $\Sigma_k = (\Psi + N_k S_k) / (\nu_0 + D + 1 + N_k)$, and the singularities of chapter 08 disappear.

# %% [markdown] slide="slide"
# ## 演習
#
# 採点関数は、これまでの章と同じく `gt.checks` にある。どの演習でも `gt.fit_variational` は使わないこと
# (採点関数はそれを呼んだ答えを不正解とする)。$\psi$ には `digamma` (`scipy.special.digamma`) を使ってよい。

# %% [markdown] lang="en"
# ## Exercises
#
# The checkers are in `gt.checks`, as in the earlier chapters. Do not use `gt.fit_variational` in any exercise (the checkers
# mark an answer that calls it as wrong). For $\psi$ you may use `digamma` (`scipy.special.digamma`).

# %% [markdown]
# ### 演習 1: 混合係数の事後分布
#
# 集中度パラメータ `alpha0` (数) と各成分の実効的な点数 `N_k` (形 (K,)) を受け取り、事後分布 $q(\phi) = \mathrm{Dir}(\phi \mid \boldsymbol{\alpha})$ の
# パラメータ `alpha` (形 (K,)) と平均 `expected_phi` $= \mathbb{E}[\phi_k]$ (形 (K,)) の組を返す関数 `dirichlet_posterior(alpha0, N_k)` を書け。
# 採点関数のケースには、点がほとんど来ない成分 ($N_k < 0.01$) が含まれる。

# %% [markdown] lang="en"
# ### Exercise 1: the posterior of the mixing coefficients
#
# Write a function `dirichlet_posterior(alpha0, N_k)` that takes the concentration parameter `alpha0` (a number) and the number of
# points of each component `N_k` (shape (K,)), and returns the pair: the parameter `alpha` (shape (K,)) of the posterior
# $q(\phi) = \mathrm{Dir}(\phi \mid \boldsymbol{\alpha})$ and its mean `expected_phi` $= \mathbb{E}[\phi_k]$ (shape (K,)). The checker's
# cases include a component that receives almost no points ($N_k < 0.01$).

# %% slide="skip"
def dirichlet_posterior(alpha0, N_k):
    """q(phi) = Dir(phi | alpha): alpha (K,) and its mean E[phi] (K,)."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_dirichlet_posterior(dirichlet_posterior)

# %% [markdown] slide="subslide"
# ### 演習 2: $\ln \phi_k$ の期待値
#
# `alpha` (形 (K,)) を受け取り、$q(\phi) = \mathrm{Dir}(\phi \mid \boldsymbol{\alpha})$ のもとでの $\mathbb{E}[\ln \phi_k]$ (形 (K,)) を返す関数
# `expected_log_phi(alpha)` を書け。$\ln \mathbb{E}[\phi_k]$ とはどれくらい違うか、$\alpha_k$ が小さい成分で確かめてみること。

# %% [markdown] lang="en"
# ### Exercise 2: the expectation of $\ln \phi_k$
#
# Write a function `expected_log_phi(alpha)` that takes `alpha` (shape (K,)) and returns $\mathbb{E}[\ln \phi_k]$ (shape (K,)) under
# $q(\phi) = \mathrm{Dir}(\phi \mid \boldsymbol{\alpha})$. How far is it from $\ln \mathbb{E}[\phi_k]$? Try a component with a small $\alpha_k$.

# %% slide="skip"
def expected_log_phi(alpha):
    """E[ln phi_k] under Dir(phi | alpha), (K,)."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_expected_log_phi(expected_log_phi)

# %% [markdown] slide="subslide"
# ### 演習 3: 平均の事後分布
#
# `beta0` (数)、`m0` (形 (d,))、`N_k` (形 (K,))、各成分のデータの平均 `x_bar` (形 (K, d)) を受け取り、
# $q(\boldsymbol{\mu}_k \mid \Lambda_k) = \mathcal{N}(\boldsymbol{\mu}_k \mid \mathbf{m}_k, (\beta_k \Lambda_k)^{-1})$ の `beta` (形 (K,)) と
# `m` (形 (K, d)) の組を返す関数 `gaussian_wishart_mean(beta0, m0, N_k, x_bar)` を書け。書けたら、$N_k$ がほぼ 0 の成分の $\mathbf{m}_k$ が
# どこに来るか、$\beta_0$ を大きくすると $\mathbf{m}_k$ がどう動くかを考えること。

# %% [markdown] lang="en"
# ### Exercise 3: the posterior of the means
#
# Write a function `gaussian_wishart_mean(beta0, m0, N_k, x_bar)` that takes `beta0` (a number), `m0` (shape (d,)), `N_k` (shape (K,))
# and the data mean of each component `x_bar` (shape (K, d)), and returns the pair `beta` (shape (K,)) and `m` (shape (K, d)) of
# $q(\boldsymbol{\mu}_k \mid \Lambda_k) = \mathcal{N}(\boldsymbol{\mu}_k \mid \mathbf{m}_k, (\beta_k \Lambda_k)^{-1})$. When it works, think about
# where $\mathbf{m}_k$ goes for a component with $N_k$ close to 0, and how $\mathbf{m}_k$ moves when $\beta_0$ grows.

# %% slide="skip"
def gaussian_wishart_mean(beta0, m0, N_k, x_bar):
    """beta (K,) and m (K, d) of q(mu_k | Lambda_k) = N(mu_k | m_k, (beta_k Lambda_k)^-1)."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_gaussian_wishart_mean(gaussian_wishart_mean)

# %% [markdown] tags=["solution-note"] slide="skip"
# ### 解答例
#
# 次の 3 つのセルは解答例である (折りたたまれている。クリックすると開く)。自分で解いてから開くこと。

# %% [markdown] lang="en" tags=["solution-note"]
# ### Worked solutions
#
# The next three cells are worked solutions (collapsed: click to open them). Try the exercises yourself first.

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/11_variational_gmm.py#dirichlet_posterior

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/11_variational_gmm.py#expected_log_phi

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/11_variational_gmm.py#gaussian_wishart_mean

# %% [markdown] slide="subslide"
# よくある誤りは、$\mathbb{E}[\phi_k]$ に最尤推定の $N_k / N$ を使うこと、$\mathbb{E}[\ln \phi_k]$ を $\ln(\alpha_k / \sum_j \alpha_j)$ とすること
# ($\ln$ は凹関数なので $\mathbb{E}[\ln \phi_k] < \ln \mathbb{E}[\phi_k]$ である)、$\mathbf{m}_k$ の分子の $\beta_0 \mathbf{m}_0$ を忘れることや
# $\beta_k$ ではなく $N_k$ で割ることである。採点関数はこれらを見分けてヒントを出す。
#
# 次は [12 ガウス分布を超えて: ベルヌーイ混合](12_bernoulli_mixtures.ipynb) である。成分をベルヌーイ分布に替え、二値の画像に同じ EM を使う。

# %% [markdown] lang="en"
# Typical mistakes: using maximum likelihood's $N_k / N$ for $\mathbb{E}[\phi_k]$; taking $\mathbb{E}[\ln \phi_k]$ to be
# $\ln(\alpha_k / \sum_j \alpha_j)$ (since $\ln$ is concave, $\mathbb{E}[\ln \phi_k] < \ln \mathbb{E}[\phi_k]$); forgetting $\beta_0 \mathbf{m}_0$ in
# the numerator of $\mathbf{m}_k$, or dividing by $N_k$ instead of $\beta_k$. The checkers tell these apart and give a hint for each.
#
# Next is [12 Beyond Gaussians: Bernoulli mixtures](12_bernoulli_mixtures.ipynb): the components become Bernoulli distributions,
# and the same EM runs on binary images.
