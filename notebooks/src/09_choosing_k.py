# %% [markdown] slide="slide"
# # 09 K の選び方 ── BIC、AIC、テストデータの対数尤度
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/09_choosing_k.ipynb) (インストール不要。Google アカウントで実行できる)
#
# これまでの章では成分の数を $K = 3$ と決めてから推定してきた。教科書のデータは 3 つの正規分布から作ったので
# 正解を知っているが、実際のデータでは $K$ もデータから決めなければならない。本章では、まず学習に使ったデータの
# 対数尤度だけでは $K$ を選べないことを確かめる。そのうえで、自由なパラメータの数で罰を与える情報量規準 (BIC と AIC) と、
# 学習に使わなかったデータで対数尤度を測る方法を導き、3 つを同じ図で比べる。最後に、これらの基準の答えが
# 食い違う典型的な場面と、そのときの考え方を扱う。
#
# **この章で学ぶこと**
# - 学習データの対数尤度は $K$ とともに増え続け、それだけでは $K$ を選べないこと
# - 混合ガウスモデルの自由なパラメータの数 $p = (K-1) + KD + K D(D+1)/2$ の数え方
# - BIC $= -2\ln \hat L + p \ln N$ と AIC $= -2\ln \hat L + 2p$ の意味、手計算と `gt.bic`、`gt.aic` との照合
# - 学習用とテスト用にデータを分け、テストデータの 1 点あたりの対数尤度で $K$ を選ぶ方法
# - $K$ のスライダーで、推定結果と 3 つの基準の曲線を同時に見るウィジェット
# - 基準が食い違う場面 (標本が少ないとき、クラスタが正規分布の形でないとき) と、そのときにどうするか
#
# **前提**: [05 EM アルゴリズム](05_em_algorithm.ipynb) (`gt.fit`、初期値による局所最適解と、複数の初期値を試すこと)。
# [08 EM がうまくいかないとき](08_where_em_fails.ipynb) の特異点と `reg_covar` の話を知っているとなおよい。
# 対数と、対称行列の性質を用いる。

# %% [markdown] lang="en"
# # 09 Choosing K: BIC, AIC and the held-out log-likelihood
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/09_choosing_k.ipynb) (nothing to install; runs with a Google account)
#
# So far we have always fixed the number of components at $K = 3$ before fitting. We know that answer for the textbook data,
# because we made it from three Gaussians, but with real data $K$ has to be chosen from the data as well. This chapter first
# shows that the log-likelihood of the data used for fitting cannot choose $K$ on its own. It then derives two information
# criteria, BIC and AIC, which penalise the number of free parameters, and a third way, which measures the log-likelihood
# on data kept out of the fit; the three are compared in one figure. It ends with the typical situations in which the
# criteria disagree, and how to think about them.
#
# **What you will learn**
# - That the log-likelihood of the training data keeps growing with $K$, so it cannot choose $K$ by itself
# - How to count the free parameters of a Gaussian mixture: $p = (K-1) + KD + K D(D+1)/2$
# - What BIC $= -2\ln \hat L + p \ln N$ and AIC $= -2\ln \hat L + 2p$ mean; computing them by hand and checking them against
#   `gt.bic` and `gt.aic`
# - Splitting the data into a training and a test part, and choosing $K$ by the test data's log-likelihood per point
# - A widget with a $K$ slider that shows the fit and the three criteria's curves together
# - Where the criteria disagree (few data points; clusters that are not Gaussian in shape), and what to do then
#
# **Prerequisites**: [05 The EM algorithm](05_em_algorithm.ipynb) (`gt.fit`, local optima that depend on the initial values,
# and trying several starts). It helps to know about singularities and `reg_covar` from
# [08 Where EM fails](08_where_em_fails.ipynb). We use logarithms and the properties of symmetric matrices.

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
# ## 学習データの対数尤度は K とともに増え続ける
#
# 教科書のデータ (1000 点、2 次元) に $K = 1, 2, \dots, 8$ の混合ガウスモデルを当てはめ、最終的な対数尤度
# $\ln \hat L_K = \ln p(X \mid \hat\theta_K)$ を比べる。05 章で見たとおり、EM は初期値によって局所最適解に止まるので、
# $K$ ごとに k-means++ の初期化をシード 0〜4 の 5 通り試し、対数尤度が最も高い結果を採用する。
# 成分が途中でつぶれた試行 (`ComponentCollapseError`、08 章) は飛ばす。
# 多くの $K$ を何度も推定するので、収束判定は $\mathrm{tol} = 10^{-2}$ とやや緩めにする。
# 1000 点の総和の変化で $10^{-2}$ は 1 点あたり $10^{-5}$ であり、対数尤度の値を比べるには十分に細かい。

# %% [markdown] lang="en"
# ## The training log-likelihood keeps growing with K
#
# We fit Gaussian mixtures with $K = 1, 2, \dots, 8$ to the textbook data (1000 points in two dimensions) and compare the
# final log-likelihoods $\ln \hat L_K = \ln p(X \mid \hat\theta_K)$. As chapter 05 showed, EM can stop at a local optimum that
# depends on its starting point, so for each $K$ we try five k-means++ initialisations (seeds 0 to 4) and keep the run with
# the highest log-likelihood. A start in which a component collapses (`ComponentCollapseError`, chapter 08) is skipped.
# Because we fit many values of $K$ several times each, we loosen the convergence test a little, to $\mathrm{tol} = 10^{-2}$.
# A change of $10^{-2}$ in a sum over 1000 points is $10^{-5}$ per point, fine enough for comparing log-likelihoods.

# %%
def fit_best(X, K, seeds=range(5)):
    """The best of several EM runs (highest log-likelihood): each run only finds a local maximum."""
    runs = []
    for seed in seeds:
        try:
            runs.append(gt.fit(X, K, init="kmeans++", seed=seed, tol=1e-2, max_iter=1000))
        except gt.ComponentCollapseError:  # a component collapsed onto a few points: skip this start
            pass
    return max(runs, key=lambda r: r.log_likelihoods[-1])


# %%
X = gt.textbook_data()
n, d = X.shape
K_values = np.arange(1, 9)
fits = [fit_best(X, K) for K in K_values]
log_lik = np.array([r.log_likelihoods[-1] for r in fits])
print("K:             ", K_values)
print("log-likelihood:", np.round(log_lik, 1))

# %% slide="subslide"
fig, axes = plt.subplots(1, 3, figsize=(15, 4.4), width_ratios=[1.1, 1, 1])
axes[0].plot(K_values, log_lik, marker="o")
axes[0].set(title="Training log-likelihood", xlabel="Number of components $K$",
            ylabel=r"$\ln p(X \mid \hat\theta_K)$", xticks=K_values)
for ax, K in zip(axes[1:], (3, 8)):
    r = fits[K - 1]
    gt.plot.draw_points(ax, X, r.responsibilities)
    gt.plot.draw_ellipses(ax, r.params, radii=(1, 2))
    gt.plot.draw_means(ax, r.params)
    ax.set(title=f"K = {K}: log-likelihood {r.log_likelihoods[-1]:.1f}", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
plt.show()

# %% [markdown] slide="subslide"
# 左の図で、対数尤度は $K = 1$ から $3$ までは大きく上がり ($-4414$ から $-3937$ へ)、その先は $K = 8$ まで合わせても
# 25 ほどしか上がらない。それでも、ほぼ一貫して上がり続ける。成分を 1 つ増やしたモデルは、新しい成分の混合係数を
# 0 にすれば元のモデルをそのまま表せるので、対数尤度の最大値は $K$ とともに決して減らないからである
# ($K = 7$ の値がわずかに $K = 6$ を下回っているのは、5 回の試行がどれも最大値に届かなかったためである)。
#
# 右の 2 つの図を比べると、$K = 8$ の推定は 3 つのクラスタをさらに細かく分け、細長い楕円でクラスタの中の偶然の点の並びを
# なぞっている。真の分布は 3 成分なので、この細かさは手元の 1000 点に特有の「ゆらぎ」を写しているにすぎない。
# 学習に使ったデータで測る限り、複雑なモデルほど良く見える。これが **過学習** (overfitting) である。
# $K$ を選ぶには、複雑さに罰を与えるか、学習に使っていないデータで測るかのどちらかが要る。

# %% [markdown] lang="en"
# In the left figure the log-likelihood rises steeply from $K = 1$ to $3$ (from $-4414$ to $-3937$); beyond that, all the way to
# $K = 8$, it gains only about 25 more. It still keeps rising, almost without exception. A model with one more component can
# reproduce the smaller model exactly by giving the new component a mixing coefficient of 0, so the maximum of the
# log-likelihood can never fall as $K$ grows. (The value at $K = 7$ lies a little below the one at $K = 6$ because none of the
# five starts reached the maximum.)
#
# Compare the two figures on the right: the fit with $K = 8$ cuts the three clusters into smaller pieces and traces chance
# arrangements of points inside them with long thin ellipses. The true distribution has three components, so this extra
# detail only copies the random "noise" of these particular 1000 points. Measured on the data used for fitting, a more
# complex model always looks better: this is **overfitting**. To choose $K$ we need either a penalty for complexity or a
# measurement on data that the fit has not seen.

# %% [markdown] slide="slide"
# ## パラメータの数を数える
#
# 罰の大きさは、モデルが自由に動かせるパラメータの数 $p$ で測る。$D$ 次元の $K$ 成分の混合ガウスモデル
# (共分散行列に制約のない "full" 型) のパラメータは次のとおりである。
#
# - **混合係数** $\phi_1, \dots, \phi_K$: $K$ 個あるが、和が 1 という制約があるので、最後の 1 つは残りから決まる。
#   自由なのは $K - 1$ 個である。
# - **平均** $\boldsymbol{\mu}_k$: 成分ごとに $D$ 個、合わせて $KD$ 個。
# - **共分散行列** $\Sigma_k$: $D \times D$ 行列であるが対称 ($\Sigma_{ij} = \Sigma_{ji}$) なので、自由な要素は
#   対角の $D$ 個と上三角の $D(D-1)/2$ 個、合わせて $D(D+1)/2$ 個である。成分ごとに別なので $K D(D+1)/2$ 個。
#
# したがって
#
# $$
# p = (K - 1) + KD + K\,\frac{D(D+1)}{2}.
# $$
# 教科書のデータ ($D = 2$) で $K = 3$ なら $p = 2 + 6 + 9 = 17$ である。この式を書き、`gt.n_parameters` と比べる。

# %% [markdown] lang="en"
# ## Counting the parameters
#
# The size of the penalty is measured by the number $p$ of parameters that the model can move freely. A $K$-component
# Gaussian mixture in $D$ dimensions (of the "full" type, with no constraint on the covariance matrices) has these parameters:
#
# - **Mixing coefficients** $\phi_1, \dots, \phi_K$: there are $K$ of them, but they must sum to 1, so the last one follows
#   from the others. $K - 1$ are free.
# - **Means** $\boldsymbol{\mu}_k$: $D$ per component, $KD$ in all.
# - **Covariance matrices** $\Sigma_k$: each is a $D \times D$ matrix, but it is symmetric ($\Sigma_{ij} = \Sigma_{ji}$), so its
#   free entries are the $D$ on the diagonal and the $D(D-1)/2$ above it, $D(D+1)/2$ in all; one matrix per component gives
#   $K D(D+1)/2$.
#
# Hence
#
# $$
# p = (K - 1) + KD + K\,\frac{D(D+1)}{2}.
# $$
# For the textbook data ($D = 2$) and $K = 3$, $p = 2 + 6 + 9 = 17$. We write the formula and compare it with `gt.n_parameters`.

# %%
def n_free(K, d):
    return (K - 1) + K * d + K * d * (d + 1) // 2


p_values = np.array([n_free(K, d) for K in K_values])
print("p for K = 1..8, d = 2:", p_values)
print("same as gt.n_parameters:", all(n_free(K, d) == gt.n_parameters(K, d) for K in K_values))
print("K = 3 in d = 10 dimensions:", n_free(3, 10), "parameters, of which", 3 * 10 * 11 // 2, "in the covariances")

# %% [markdown] slide="subslide"
# 2 次元では成分を 1 つ増やすごとに $p$ は 6 ずつ増える。次元 $D$ が大きいと共分散行列の部分が $D^2$ に比例して
# 効いてきて、10 次元で $K = 3$ なら 197 個のパラメータのうち 165 個が共分散行列のものになる。
# 共分散行列に制約を入れて $p$ を減らす方法 (diag、spherical、tied 型) は 10 章で扱う。

# %% [markdown] lang="en"
# In two dimensions each extra component adds 6 to $p$. In higher dimensions the covariance part grows like $D^2$: with
# $D = 10$ and $K = 3$, 165 of the 197 parameters belong to the covariance matrices. Ways to cut $p$ down by constraining the
# covariance matrices (the diag, spherical and tied types) are the subject of chapter 10.

# %% [markdown] slide="slide"
# ## BIC と AIC
#
# 情報量規準は「当てはまりの悪さ」と「複雑さの罰」の和である。$\hat L$ を最尤推定での尤度 (ここでは EM が到達した値) として
#
# $$
# \mathrm{BIC} = -2 \ln \hat L + p \ln N, \qquad \mathrm{AIC} = -2 \ln \hat L + 2p
# $$
# と定め、**値が小さいほど良い** とする。第 1 項は共通で、違いは罰の大きさだけである。
#
# - **BIC** (ベイズ情報量規準、Schwarz 1978) は、モデルの周辺尤度 $p(X \mid K) = \int p(X \mid \theta, K)\, p(\theta \mid K)\, d\theta$ の
#   対数の $-2$ 倍を、$N$ が大きいときの近似 (ラプラス近似) で表したものである。パラメータ 1 つあたりの罰は $\ln N$ で、
#   データが増えるほど重くなる。真の分布がモデルに含まれていれば、$N \to \infty$ で正しい $K$ を選ぶ確率が 1 に近づく (一致性)。
# - **AIC** (赤池情報量規準、Akaike 1973) は、新しいデータに対する対数尤度の期待値を推定したものである。
#   学習データの対数尤度は、同じデータでパラメータを合わせた分だけ楽観的であり、その偏りがおよそ $p$ であることから
#   罰 $2p$ が出てくる。目的は $K$ の「正解」を当てることではなく、予測の良いモデルを選ぶことである。
#
# $N \ge 8$ なら $\ln N > 2$ なので、BIC の罰のほうが重い。$N = 1000$ では $\ln N \approx 6.91$ であり、
# 1 成分増やすごとに BIC は $6 \times 6.91 \approx 41$、AIC は $12$ の罰を受ける。まず $K = 3$ の推定について手で計算する。

# %% [markdown] lang="en"
# ## BIC and AIC
#
# An information criterion adds "how badly the model fits" to "a penalty for complexity". With $\hat L$ the likelihood at the
# maximum likelihood estimate (here, the value EM reached), define
#
# $$
# \mathrm{BIC} = -2 \ln \hat L + p \ln N, \qquad \mathrm{AIC} = -2 \ln \hat L + 2p;
# $$
# **the smaller, the better**. The first term is the same in both; they differ only in the size of the penalty.
#
# - **BIC** (the Bayesian information criterion, Schwarz 1978) is $-2$ times the logarithm of the model's marginal likelihood
#   $p(X \mid K) = \int p(X \mid \theta, K)\, p(\theta \mid K)\, d\theta$, approximated for large $N$ (the Laplace approximation).
#   Each parameter costs $\ln N$, a penalty that grows with the amount of data. If the true distribution is among the models,
#   the probability that BIC picks the right $K$ tends to 1 as $N \to \infty$ (consistency).
# - **AIC** (the Akaike information criterion, Akaike 1973) estimates the expected log-likelihood of new data. The training
#   log-likelihood is optimistic, because the parameters were tuned to those very data, and that bias is about $p$; hence the
#   penalty $2p$. Its aim is not to find the "true" $K$ but to choose the model that predicts best.
#
# For $N \ge 8$, $\ln N > 2$, so BIC's penalty is the heavier one. With $N = 1000$, $\ln N \approx 6.91$: each extra component
# costs BIC $6 \times 6.91 \approx 41$ and AIC $12$. First we compute both by hand for the fit with $K = 3$.

# %% slide="subslide"
r3 = fits[2]
ll = r3.log_likelihoods[-1]  # ln L: the total log-likelihood at the EM estimate
p = n_free(3, d)
bic_by_hand = -2 * ll + p * np.log(n)
aic_by_hand = -2 * ll + 2 * p
print(f"K = 3: ln L = {ll:.2f}, p = {p}, BIC = {bic_by_hand:.2f}, AIC = {aic_by_hand:.2f}")
print("same as gt.bic:", np.isclose(bic_by_hand, gt.bic(X, r3.params)),
      "| same as gt.aic:", np.isclose(aic_by_hand, gt.aic(X, r3.params)))

# %% [markdown]
# 手計算と `gt.bic`、`gt.aic` は一致した。`gt.bic(X, params)` は `X` から対数尤度と $N$ を、`params` から $K$ と $D$ を
# 読み取って同じ計算をする。次にすべての $K$ について計算し、最小になる $K$ を探す。

# %% [markdown] lang="en"
# The hand computation agrees with `gt.bic` and `gt.aic`. `gt.bic(X, params)` does the same calculation, reading the
# log-likelihood and $N$ from `X` and $K$ and $D$ from `params`. Next we compute both for every $K$ and look for the minimum.

# %%
bic = np.array([gt.bic(X, r.params) for r in fits])
aic = np.array([gt.aic(X, r.params) for r in fits])
print("BIC minus its minimum:", np.round(bic - bic.min(), 1))
print("AIC minus its minimum:", np.round(aic - aic.min(), 1))
print("K chosen by BIC:", K_values[np.argmin(bic)], "| by AIC:", K_values[np.argmin(aic)])
print(f"K = 6 against K = 3: log-likelihood {log_lik[5] - log_lik[2]:+.1f}, parameters {p_values[5] - p_values[2]:+d}")

# %% slide="subslide"
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.2))
ax1.plot(K_values, -2 * log_lik, marker=".", color="0.5", label=r"$-2 \ln \hat L$ (no penalty)")
ax1.plot(K_values, bic, marker="o", label="BIC")
ax1.plot(K_values, aic, marker="s", label="AIC")
ax1.set(title="Criteria against K (lower is better)", xlabel="Number of components $K$", ylabel="Value", xticks=K_values)
ax1.legend()
for values, name, marker in [(bic, "BIC", "o"), (aic, "AIC", "s")]:
    ax2.plot(K_values[1:], values[1:] - values.min(), marker=marker, label=name)
ax2.set(title="Distance from each criterion's minimum ($K \\geq 2$)", xlabel="Number of components $K$",
        ylabel="Criterion minus its minimum", xticks=K_values[1:])
ax2.legend()
plt.show()

# %% [markdown] slide="subslide"
# BIC は $K = 3$ を選び、AIC は $K = 6$ を選んだ。同じデータ、同じ推定結果から、罰の大きさの違いだけで答えが分かれたのである。
#
# 左の図では、罰のない $-2\ln\hat L$ は $K$ とともに下がり続けるが、BIC と AIC はどちらも $K = 3$ の付近で底を打つ。
# $K = 1, 2$ の値が大きすぎて $K \ge 3$ の違いが見えないので、右の図では各規準の最小値からの差を $K \ge 2$ について描いた。
# BIC は $K = 3$ で最小になり、その先は 1 成分ごとに 20〜40 あまりずつ上がる。これに対して AIC の曲線は $K = 3$ から先が
# ほとんど平らで、$K = 3$ から $8$ までの値は最小値から 16 以内に収まっている。最小の $K = 6$ と $K = 3$ の差は 5.3 にすぎない。
# AIC の罰は 1 成分あたり 12 と軽く、$K = 6$ の推定は 3 つの余分な成分 (パラメータ 18 個) で対数尤度を 20.7 稼ぎ、
# $-2\ln\hat L$ の減少 41.3 が罰の増加 36 を上回った。
# 1000 点の偶然の並びに合わせた増加であることは、前の節の $K = 8$ の図からも想像がつく。どちらを信じればよいかは、
# 次の節のテストデータと、後の節の「どうすればよいか」で考える。

# %% [markdown] lang="en"
# BIC chose $K = 3$ and AIC chose $K = 6$: the same data and the same fits, and the answers part only because the penalties
# differ in size.
#
# In the left figure, $-2\ln\hat L$, which has no penalty, keeps falling as $K$ grows, while BIC and AIC both bottom out
# around $K = 3$. The values at $K = 1, 2$ are so large that the differences for $K \ge 3$ are invisible, so the right figure
# plots each criterion minus its minimum for $K \ge 2$. BIC is smallest at $K = 3$ and climbs by roughly 20 to 40 per component after
# that. AIC's curve, in contrast, is almost flat from $K = 3$ on: its values for $K = 3$ to $8$ all lie within 16 of the
# minimum, and the minimum at $K = 6$ is only 5.3 below $K = 3$. AIC's penalty is light, 12 per component; the fit with
# $K = 6$ gained 20.7 in log-likelihood with its three extra components (18 parameters), and the fall of 41.3 in
# $-2\ln\hat L$ outweighs the extra penalty of 36.
# That this gain comes from chance arrangements of the 1000 points is easy to believe after the $K = 8$ picture of the
# previous section. Which answer to trust is the subject of the next section, on test data, and of "What to do" at the end.

# %% [markdown] slide="slide"
# ## テストデータの対数尤度
#
# 罰の式に頼らない方法もある。データを **学習用** と **テスト用** に分け、学習用データだけで推定し、テスト用データで
# 対数尤度を測るのである。テスト用の点はパラメータを合わせるのに使っていないので、その対数尤度には楽観的な偏りがない。
# ここでは 1000 点を無作為に並べ替え、700 点を学習用、300 点をテスト用にする。点の数が違う 2 つを比べられるように、
# 対数尤度を点の数で割った **1 点あたりの平均** $\frac{1}{N}\sum_n \ln p(\mathbf{x}_n \mid \hat\theta_K)$ を使う。

# %% [markdown] lang="en"
# ## The held-out log-likelihood
#
# There is also a way that does not rely on a penalty formula. Split the data into a **training** part and a **test**
# part, fit on the training data only, and measure the log-likelihood on the test data. The test points played no part in
# tuning the parameters, so their log-likelihood carries no optimistic bias. Here we shuffle the 1000 points at random and
# use 700 for training and 300 for testing. To compare two parts of different sizes, we use the **average per point**,
# $\frac{1}{N}\sum_n \ln p(\mathbf{x}_n \mid \hat\theta_K)$, the log-likelihood divided by the number of points.

# %%
order = np.random.default_rng(0).permutation(n)
X_train, X_test = X[order[:700]], X[order[700:]]
fits_train = [fit_best(X_train, K) for K in K_values]
train_score = np.array([r.log_likelihoods[-1] / len(X_train) for r in fits_train])
test_score = np.array([gt.log_likelihood(X_test, r.params) / len(X_test) for r in fits_train])
print("training, per point:", np.round(train_score, 4))
print("test, per point:    ", np.round(test_score, 4))
print("K with the best test log-likelihood:", K_values[np.argmax(test_score)])

# %% slide="subslide"
fig, ax = plt.subplots(figsize=(6.5, 4.2))
ax.plot(K_values, train_score, marker="o", linestyle="--", color="0.45", label="training (700 points)")
ax.plot(K_values, test_score, marker="o", color="C2", label="test (300 points, held out)")
ax.set(title="Average log-likelihood per point", xlabel="Number of components $K$",
       ylabel=r"$\frac{1}{N}\sum_n \ln p(\mathbf{x}_n \mid \hat\theta_K)$", xticks=K_values)
ax.legend()
plt.show()

# %% [markdown] slide="subslide"
# 学習データの値 (破線) は $K$ とともに上がり続けるが、テストデータの値 (実線) は $K = 3$ で最大になり、
# その先は少しずつ下がる。$K \ge 4$ で増えた成分は学習用の 700 点のゆらぎに合わせたものなので、新しい 300 点の
# 説明には役立たず、かえって少し損をするのである。1000 点で AIC が選んだ $K = 6$ も、テストデータでは $K = 3$ に及ばない。
#
# $K = 3$ でテストデータの値が学習データの値より高いのは、どの点がテスト用に回ったかによる偶然であり、
# 意味があるのは $K$ による違いのほうである。$K = 3$ と $K = 4$ の差は 1 点あたり 0.014 と小さく、分け方を変えると
# 順位が入れ替わることもありうる。実際には分け方を何通りも変えて平均をとる **交差検証** (cross-validation) を使うとよい。
# なお AIC を $-2N$ で割った値は、このテストデータの 1 点あたりの対数尤度の期待値を推定したものになっている。

# %% [markdown] lang="en"
# The training values (dashed) keep rising as $K$ grows, but the test values (solid) peak at $K = 3$ and fall little by
# little after that. The components added for $K \ge 4$ were fitted to the noise of the 700 training points; they do not help
# to explain 300 new points and even cost a little. The $K = 6$ that AIC chose on the 1000 points does not match $K = 3$ on the
# test data either.
#
# That the test value lies above the training value at $K = 3$ is an accident of which points went into the test part; what
# matters is how the values change with $K$. The difference between $K = 3$ and $K = 4$ is small, 0.014 per point, and another
# split could even change their order. In practice, average over many different splits: this is **cross-validation**.
# Note also that AIC divided by $-2N$ is an estimate of the expected value of exactly this test log-likelihood per point.

# %% [markdown] slide="slide"
# ## ウィジェット: K を動かして 3 つの基準を見比べる
#
# 次のウィジェットはスライダーで $K$ を選ぶ。左は学習用データへの $K$ 成分の推定結果 (点の色は負担率、楕円と平均)、
# 中央は学習用データで計算した BIC と AIC、右は学習用とテスト用の 1 点あたりの対数尤度である。
# 輪が選んだ $K$ の位置を、星が各曲線の最良の $K$ を示す。BIC と AIC は 700 点で計算しているので、前の節の値 (1000 点) とは異なる。
# 上で推定した `fits_train` をそのまま渡すので、ウィジェットの中で推定し直すことはない。
# 700 点では AIC も $K = 3$ を選ぶが、$K \ge 3$ での AIC の曲線がほとんど平らであることは変わらない。

# %% [markdown] lang="en"
# ## Widget: move K and compare the three criteria
#
# The widget below chooses $K$ with a slider. On the left is the $K$-component fit to the training data (points coloured by
# their responsibilities, ellipses and means); in the middle, BIC and AIC computed on the training data; on the right, the
# log-likelihood per point of the training and the test data. A ring marks the chosen $K$, a star the best $K$ of each
# curve. BIC and AIC here are computed on the 700 training points, so they differ from the values of the previous section
# (1000 points). We pass in `fits_train` from above, so the widget does not fit anything again. On the 700 points AIC
# chooses $K = 3$ as well, but its curve for $K \ge 3$ is just as flat as before.

# %%
# NBVAL_IGNORE_OUTPUT
gt.widgets.k_explorer(X_train, X_test, fits_train)

# %% [markdown] slide="subslide"
# 試してみるとよいこと:
#
# - $K = 4$ にすると、1 つのクラスタが重なり合う 2 つの楕円に分けられる。対数尤度 (右の破線) はわずかに上がるが、
#   BIC ははっきり上がり、テストデータの値は下がる。
# - $K = 8$ まで上げると、細長い楕円が現れる。少数の点をなぞる成分は、08 章で見た特異点に近づきつつある成分である。
# - $K = 1, 2$ ではクラスタが楕円 1 つにまとめられ、どの基準も大きく悪化する。足りない側の誤りは、3 つの基準すべてが見逃さない。

# %% [markdown] lang="en"
# Things to try:
#
# - At $K = 4$ one cluster is split into two overlapping ellipses. The training log-likelihood (dashed, right) rises a
#   little, but BIC rises clearly and the test value falls.
# - Go up to $K = 8$ and long thin ellipses appear: components that trace a handful of points are on their way towards the
#   singularities of chapter 08.
# - At $K = 1, 2$ clusters are lumped together under one ellipse and every criterion gets much worse. All three criteria
#   catch a $K$ that is too small.

# %% [markdown] slide="slide"
# ## 基準が食い違うとき
#
# 教科書のデータでは、BIC とテストデータの対数尤度が $K = 3$ を選び、AIC は平らな曲線のわずかな差で $K = 6$ を選んだ。
# それでも食い違いは小さい。真の分布が 3 成分の混合ガウスモデルそのもので、点も 1000 点と十分にあったからである。
# この 2 つの条件が崩れると、食い違いははっきりしてくる。
#
# ### 標本が少ないとき: AIC は大きな K を、BIC は小さな K を選びやすい
#
# 教科書と同じ真の分布から $N = 40$ 点と $N = 150$ 点の標本をそれぞれ 10 組作り、各標本について $K = 1, \dots, 5$ を
# 推定して、BIC と AIC がどの $K$ を選ぶかを数える (各 $K$ で初期値は 2 通り)。

# %% [markdown] lang="en"
# ## Where the criteria disagree
#
# On the textbook data BIC and the held-out log-likelihood chose $K = 3$, and AIC chose $K = 6$ by a small margin on a flat
# curve. Even so, the disagreement was mild: the true distribution is exactly a three-component Gaussian mixture, and there
# were plenty of points, 1000 of them. When either condition fails, the disagreement becomes plain.
#
# ### Few data points: AIC tends to pick a larger K, BIC a smaller one
#
# From the same true distribution as the textbook we draw 10 samples of $N = 40$ points and 10 samples of $N = 150$ points,
# fit $K = 1, \dots, 5$ to each sample (two starts per $K$), and count which $K$ BIC and AIC choose.

# %%
def chosen_K(X, K_max=5):
    """(K chosen by BIC, K chosen by AIC) among K = 1..K_max."""
    fits_small = [fit_best(X, K, seeds=(0, 1)) for K in range(1, K_max + 1)]
    return (1 + np.argmin([gt.bic(X, r.params) for r in fits_small]),
            1 + np.argmin([gt.aic(X, r.params) for r in fits_small]))


picks = {}
for n_small in (40, 150):
    chosen = np.array([chosen_K(gt.sample(gt.TEXTBOOK_TRUTH, n_small, seed=100 + rep)[0]) for rep in range(10)])
    picks[n_small] = {"BIC": np.bincount(chosen[:, 0], minlength=6)[1:], "AIC": np.bincount(chosen[:, 1], minlength=6)[1:]}
    print(f"N = {n_small}: times each K = 1..5 was chosen, BIC {picks[n_small]['BIC']}, AIC {picks[n_small]['AIC']}")

# %% slide="subslide"
fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), sharey=True)
for ax, n_small in zip(axes, (40, 150)):
    for shift, name in [(-0.2, "BIC"), (0.2, "AIC")]:
        ax.bar(np.arange(1, 6) + shift, picks[n_small][name], width=0.4, label=name)
    ax.axvline(3, color="0.3", linestyle=":", label="true K = 3")
    ax.set(title=f"N = {n_small}: K chosen in 10 samples", xlabel="Chosen $K$", ylabel="Number of samples",
           xticks=np.arange(1, 6))
    ax.legend()
plt.show()

# %% [markdown]
# $N = 150$ では BIC は 10 回とも正しい $K = 3$ を選んだが、AIC は 10 回のうち 6 回で 4 以上を選んだ。$N = 40$ になると
# BIC も揺らぎ、半数で $K = 2$ と少なめを選ぶ。1 成分増やすごとの罰 $6 \ln 40 \approx 22$ を取り返すには対数尤度が 11 以上
# 増える必要があり、40 点では 2 つのクラスタの区別がその程度の証拠にならないことがあるのである。一方 AIC は 10 回のうち
# 9 回で 4 以上を選び、調べた範囲の上限 $K = 5$ が 6 回に上った。$K = 5$ の full 型のパラメータは 29 個で、40 点に対して
# 多すぎる。少数の点に小さな楕円を当てて対数尤度を稼ぐ解 (08 章の特異点の手前) が、軽い罰では止められない。
#
# 標本が少ないときは、どの基準の答えも 1 つの数としては信用しにくい。BIC は単純すぎる側に、AIC は複雑すぎる側に
# 外れやすいと覚えておき、後の節の対処も合わせて考える。

# %% [markdown] lang="en"
# With $N = 150$, BIC chose the right $K = 3$ all 10 times, while AIC chose 4 or more in 6 of the 10 samples. At $N = 40$ BIC
# wavers too, and in half of the samples it chooses $K = 2$, too few. Each extra component costs $6 \ln 40 \approx 22$, so the
# log-likelihood has to gain 11 or more to pay for it, and 40 points do not always give that much evidence that two clusters
# are separate. AIC, meanwhile, chose 4 or more in 9 of the 10 samples, and the upper end of the range, $K = 5$, 6 times. A
# full-type model with $K = 5$ has 29 parameters, too many for 40 points: fits that gain log-likelihood by putting small
# ellipses on a few points (one step short of the singularities of chapter 08) are not stopped by a light penalty.
#
# With few data points, no criterion's answer deserves much trust as a single number. Remember that BIC tends to err on
# the simple side and AIC on the complex side, and think about the remedies at the end of this chapter as well.

# %% [markdown] slide="subslide"
# ### クラスタが正規分布の形でないとき: BIC は「クラスタ」より多くの成分を選ぶ
#
# 次に、2 つの三日月形のクラスタからなるデータ (400 点) を作る。上の三日月は半円 $(\cos t, \sin t)$、下の三日月は
# それを裏返してずらした $(1 - \cos t, 0.5 - \sin t)$ であり、$t$ は $[0, \pi]$ の一様乱数、各点に標準偏差 0.1 の雑音を加える。
# 人の目にはクラスタは 2 つであるが、どちらのクラスタも正規分布の楕円の形をしていない。

# %% [markdown] lang="en"
# ### Clusters that are not Gaussian: BIC picks more components than there are clusters
#
# Next we make data with two crescent-shaped clusters (400 points). The upper crescent is the half circle $(\cos t, \sin t)$,
# the lower one is that half circle turned over and shifted, $(1 - \cos t, 0.5 - \sin t)$, with $t$ uniform on $[0, \pi]$ and
# noise of standard deviation 0.1 added to every point. To the eye there are two clusters, but neither has the elliptical
# shape of a Gaussian.

# %%
rng = np.random.default_rng(1)
t = rng.uniform(0, np.pi, 400)
upper = rng.random(400) < 0.5
X_moons = np.where(upper[:, None], np.column_stack([np.cos(t), np.sin(t)]),
                   np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])) + rng.normal(scale=0.1, size=(400, 2))
fits_moons = [fit_best(X_moons, K) for K in K_values]
bic_moons = np.array([gt.bic(X_moons, r.params) for r in fits_moons])
aic_moons = np.array([gt.aic(X_moons, r.params) for r in fits_moons])
print("K chosen by BIC:", K_values[np.argmin(bic_moons)], "| by AIC:", K_values[np.argmin(aic_moons)])

# %% slide="subslide"
best_moons = fits_moons[np.argmin(bic_moons)]
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.4), width_ratios=[1, 1.3])
ax1.plot(K_values, bic_moons, marker="o", label="BIC")
ax1.plot(K_values, aic_moons, marker="s", label="AIC")
ax1.set(title="Two crescents: criteria against K", xlabel="Number of components $K$", ylabel="Value (lower is better)",
        xticks=K_values)
ax1.legend()
gt.plot.draw_points(ax2, X_moons, best_moons.responsibilities)
gt.plot.draw_ellipses(ax2, best_moons.params, radii=(1, 2))
gt.plot.draw_means(ax2, best_moons.params)
ax2.set(title=f"BIC's choice: K = {best_moons.params.K}", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
plt.show()

# %% [markdown] slide="subslide"
# BIC は $K = 6$ を、AIC はさらに多い $K = 8$ (調べた範囲の上限) を選んだ。右の図を見ると、6 つの成分はそれぞれの
# 三日月を 3 つずつの楕円でつないで近似している。BIC が数えているのは「データの密度を正規分布の和で表すのに
# 必要な成分の数」であって、人が「クラスタ」と呼ぶものの数ではない。クラスタの形が楕円から外れていれば、1 つのクラスタに
# 複数の成分が必要になる。裾の重いクラスタ (外れ値の多いクラスタ) でも同じことが起き、裾を表すための成分が加わる。
#
# 混合ガウスモデルを **密度の推定** に使うのであれば、この $K = 6$ の答えは正しい。**クラスタリング** に使うのであれば、
# 成分とクラスタを区別し、隣り合う成分をまとめて 1 つのクラスタとみなす方法 (成分の併合) や、クラスタの形を仮定しない別の方法を考える。

# %% [markdown] lang="en"
# BIC chose $K = 6$, and AIC even more, $K = 8$ (the upper end of the range we tried). The figure on the right shows the six
# components approximating each crescent by a chain of three ellipses. What BIC counts is "the number of Gaussians needed to
# describe the density of the data", not the number of things a person would call clusters. When the clusters are not
# elliptical, one cluster needs several components. Heavy-tailed clusters (clusters with many outlying points) do the same:
# extra components are added to describe the tails.
#
# If you use the mixture to **estimate a density**, this answer of $K = 6$ is right. If you use it for **clustering**,
# distinguish components from clusters: merge neighbouring components into one cluster, or use another method that does not
# assume a shape for the clusters.

# %% [markdown] slide="slide"
# ## どうすればよいか
#
# - **目的を先に決める。** クラスタの数を知りたい、単純な説明がほしいなら BIC、新しいデータの予測や密度の推定が目的なら
#   テストデータの対数尤度 (交差検証) や AIC を使う。
# - **最小値だけでなく曲線の形を見る。** 最小値の近くが平らなら、データは $K$ を決めきれていない。BIC の差は
#   ベイズ因子の対数の 2 倍の近似であり、差が 2 未満ならほとんど区別がつかず、6 を超えれば強い、10 を超えれば
#   非常に強い証拠とされる (Kass & Raftery 1995)。差が小さいときは小さい $K$ を選び、候補の幅も合わせて報告する。
# - **$K$ ごとに複数の初期値を試す。** 局所最適解に止まった $K$ があると、曲線がぎざぎざになり判断を誤る。
# - **標本が少ないときはパラメータを減らす。** 共分散行列に制約を入れる (10 章の diag、spherical、tied 型) と $p$ が大きく減る。
#   標本を取り直しても (ブートストラップなど) 同じ $K$ が選ばれるかも確かめるとよい。
# - **推定結果を必ず図で見る。** 非常に細い楕円や、混合係数がごく小さい成分は、過学習や特異点の兆候である。
#   クラスタの形が楕円でなければ、BIC の $K$ はクラスタの数より多くなる。

# %% [markdown] lang="en"
# ## What to do
#
# - **Decide the goal first.** To learn the number of groups, or to get a simple explanation, use BIC; to predict new data or
#   to estimate a density, use the held-out log-likelihood (cross-validation) or AIC.
# - **Look at the shape of the curve, not only at its minimum.** If the curve is flat around its minimum, the data have not
#   settled $K$. A difference in BIC approximates twice the logarithm of a Bayes factor: below 2 it is barely worth
#   mentioning, above 6 it counts as strong evidence and above 10 as very strong (Kass & Raftery 1995). When the
#   difference is small, choose the smaller $K$ and report the range of plausible values as well.
# - **Try several starts for each $K$.** A $K$ whose fit is stuck at a local optimum makes the curve jagged and misleads you.
# - **With few data points, use fewer parameters.** Constraining the covariance matrices (the diag, spherical and tied
#   types of chapter 10) cuts $p$ a lot. Also check whether resampling the data (the bootstrap, for example) keeps
#   choosing the same $K$.
# - **Always look at the fit.** Very thin ellipses and components with tiny mixing coefficients are signs of overfitting or
#   of a singularity. If the clusters are not elliptical, BIC's $K$ will exceed the number of clusters.

# %% [markdown] slide="slide"
# ## まとめ
#
# - 学習データの対数尤度は $K$ とともに増え続ける (最大値は減らない) ので、それだけでは $K$ を選べない。
# - full 型の混合ガウスモデルの自由なパラメータの数は $p = (K-1) + KD + KD(D+1)/2$ である
#   (混合係数は和が 1 なので $K - 1$ 個、共分散行列は対称なので $D(D+1)/2$ 個ずつ)。
# - BIC $= -2\ln\hat L + p\ln N$、AIC $= -2\ln\hat L + 2p$ で、小さいほど良い。BIC は周辺尤度の近似で一致性をもち、
#   AIC は新しいデータでの対数尤度の推定である。`gt.bic`、`gt.aic` は手計算と一致する。
# - 学習用とテスト用に分け、テストデータの 1 点あたりの対数尤度が最大の $K$ を選ぶ方法もある (分け方を変えて平均すれば交差検証)。
# - 教科書のデータでは BIC とテストデータが $K = 3$ を、AIC は平らな曲線の中で $K = 6$ を選ぶ。
#   標本が少ないと AIC は大きすぎる $K$ を、BIC は小さすぎる $K$ を選びやすく、
#   クラスタが楕円形でないと BIC でもクラスタの数より多くの成分を選ぶ。目的を決め、曲線の形と推定結果の図を見て判断する。

# %% [markdown] lang="en"
# ## Summary
#
# - The training log-likelihood keeps growing with $K$ (its maximum never falls), so it cannot choose $K$ by itself.
# - A full-type Gaussian mixture has $p = (K-1) + KD + KD(D+1)/2$ free parameters ($K - 1$ mixing coefficients because they
#   sum to 1, and $D(D+1)/2$ per covariance matrix because it is symmetric).
# - BIC $= -2\ln\hat L + p\ln N$ and AIC $= -2\ln\hat L + 2p$; smaller is better. BIC approximates the marginal likelihood and
#   is consistent; AIC estimates the log-likelihood of new data. `gt.bic` and `gt.aic` agree with the hand computation.
# - Another way: split into training and test data and choose the $K$ with the highest test log-likelihood per point
#   (averaging over several splits gives cross-validation).
# - On the textbook data BIC and the test data choose $K = 3$; AIC, on a flat curve, chooses $K = 6$. With few data points
#   AIC tends to choose too large a $K$ and BIC too small a one; when the clusters are not elliptical, even BIC chooses more components than there are clusters. Decide
#   your goal, then judge from the shape of the curves and from a picture of the fit.

# %% [markdown] slide="slide"
# ## 演習
#
# 採点関数は、これまでの章と同じく `gt.checks` にある。

# %% [markdown] lang="en"
# ## Exercises
#
# The checkers are in `gt.checks`, as in the earlier chapters.

# %% [markdown]
# ### 演習 1: パラメータの数
#
# $K$ 成分、$D$ 次元の full 型混合ガウスモデルの自由なパラメータの数を返す関数 `n_params(K, d)` を書け。
# 本文の式を見ずに、混合係数、平均、共分散行列の順に数え直してみること。返り値は整数 (`int`) である。
# `/` で割ると `17.0` のような浮動小数点数になり、値が合っていても採点関数は不正解とする。`//` を使うこと。

# %% [markdown] lang="en"
# ### Exercise 1: the number of parameters
#
# Write a function `n_params(K, d)` that returns the number of free parameters of a full-type Gaussian mixture with $K$
# components in $D$ dimensions. Try to count again, without looking at the formula above: mixing coefficients, means, then
# covariance matrices. The result is an integer (an `int`): dividing with `/` gives a float such as `17.0`, which the checker
# marks wrong even when the value is right, so use `//`.

# %% slide="skip"
def n_params(K, d):
    """Free parameters of a K-component Gaussian mixture in d dimensions with full covariances."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_n_parameters(n_params)

# %% [markdown]
# ### 演習 2: BIC と AIC
#
# データ `X` (形 (n, d)) とパラメータ `params` (`gt.GMMParams`、full 型) を受け取り、BIC と AIC の組 `(bic, aic)` を
# 返す関数 `information_criteria(X, params)` を書け。対数尤度には `gt.log_likelihood(X, params)` を使ってよいが、
# `gt.bic` と `gt.aic` は使わないこと。$K$ と $D$ は `params.K`、`params.d` で得られる。

# %% [markdown] lang="en"
# ### Exercise 2: BIC and AIC
#
# Write a function `information_criteria(X, params)` that takes data `X` (shape (n, d)) and parameters `params` (a
# `gt.GMMParams` of the full type) and returns the pair `(bic, aic)`. You may use `gt.log_likelihood(X, params)` for the
# log-likelihood, but not `gt.bic` or `gt.aic`. `params.K` and `params.d` give $K$ and $D$.

# %% slide="skip"
def information_criteria(X, params):
    """(BIC, AIC) of a full-covariance Gaussian mixture `params` on the data X (n, d)."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_information_criteria(information_criteria)

# %% [markdown] tags=["solution-note"] slide="skip"
# ### 解答例
#
# 次の 2 つのセルは解答例である (折りたたまれている。クリックすると開く)。自分で解いてから開くこと。

# %% [markdown] lang="en" tags=["solution-note"]
# ### Worked solutions
#
# The next two cells are worked solutions (collapsed: click to open them). Try the exercises yourself first.

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/09_choosing_k.py#n_params

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/09_choosing_k.py#information_criteria

# %% [markdown]
# 演習 2 でよくある誤りは、1 点あたりの平均対数尤度を使うこと (scikit-learn の `score` は平均を返す)、
# $\ln N$ の代わりに $\log_{10} N$ を使うこと、BIC と AIC の罰を取り違えることである。採点関数はこれらを見分けて
# ヒントを出す。
#
# 次は [10 実データと scikit-learn](10_real_data_sklearn.ipynb) である。iris データに混合ガウスモデルを当てはめ、
# 共分散行列の型を比べ、同じ推定を scikit-learn で行う。

# %% [markdown] lang="en"
# Typical mistakes in exercise 2 are using the mean log-likelihood per point (scikit-learn's `score` returns the mean),
# using $\log_{10} N$ instead of $\ln N$, and swapping the penalties of BIC and AIC. The checker tells these apart and gives
# a hint for each.
#
# Next is [10 Real data and scikit-learn](10_real_data_sklearn.ipynb): we fit a Gaussian mixture to the iris data, compare the
# covariance types, and do the same fit with scikit-learn.
