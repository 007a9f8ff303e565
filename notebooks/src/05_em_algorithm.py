# %% [markdown] slide="slide"
# # 05 EM アルゴリズム
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/05_em_algorithm.ipynb) (インストール不要。Google アカウントで実行できる)
#
# 03 章では E ステップ (負担率の計算) を、04 章では M ステップ (負担率で重み付けした最尤推定) を
# それぞれ単独で書いた。本章ではこの 2 つを交互に繰り返すループを組み立て、教科書の章が印字した推定結果を
# 最後の桁まで再現する。そのうえで、対数尤度が反復ごとに決して減らない理由、推定した成分の番号が
# 真の成分の番号と一致しない理由 (ラベルの入れ替わり)、初期値によって結果が変わること、を順に調べる。
#
# **この章で学ぶこと**
# - E ステップ → M ステップ → 対数尤度 → 収束判定 $|\Delta \ln p| < \mathrm{tol}$ という EM の反復の全体
# - `gt.fit` による教科書の結果の再現と、教科書自身のコードとの照合
# - 対数尤度が反復ごとに決して減らない理由 (下界 $\mathcal{L}(q, \theta)$ による説明)
# - ラベルの入れ替わりと、`gt.match_components` による成分の対応づけ
# - 初期値 (シード) の影響と局所最適解、反復回数が足りないときの `ConvergenceWarning`
#
# **前提**: 03 章 (E ステップ、log-sum-exp) と 04 章 (M ステップ) の内容。01 章の教科書データ
# (`gt.textbook_data()`) と 02 章の多変量正規分布の式も用いる。

# %% [markdown] lang="en"
# # 05 The EM algorithm
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/05_em_algorithm.ipynb) (nothing to install; runs with a Google account)
#
# In chapter 03 we wrote the E-step (computing the responsibilities) and in chapter 04 the M-step (maximum likelihood weighted by the responsibilities),
# each on its own. In this chapter we build the loop that alternates the two, and reproduce the estimates printed in the textbook chapter
# down to the last digit. Then we look, one after another, at why the log-likelihood never decreases from one iteration to the next, why the numbers of the
# estimated components do not match the numbers of the true components (label switching), and how the result depends on the initial values.
#
# **What you will learn**
# - The whole EM iteration: E-step → M-step → log-likelihood → convergence test $|\Delta \ln p| < \mathrm{tol}$
# - Reproducing the textbook's results with `gt.fit`, and checking them against the textbook's own code
# - Why the log-likelihood never decreases (explained with the lower bound $\mathcal{L}(q, \theta)$)
# - Label switching, and matching components with `gt.match_components`
# - The influence of the initial values (the seed), local optima, and the `ConvergenceWarning` when there are too few iterations
#
# **Prerequisites**: chapters 03 (the E-step, log-sum-exp) and 04 (the M-step). We also use the textbook data from chapter 01
# (`gt.textbook_data()`) and the formula of the multivariate normal distribution from chapter 02.

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
# ## EM アルゴリズムの全体像
#
# パラメータを $\theta = (\phi, \mu, \Sigma)$ とする。EM アルゴリズムは初期値 $\theta^{(0)}$ から出発し、
# $t = 1, 2, \dots$ について次の 2 つのステップを繰り返す。
#
# **E ステップ**: 現在のパラメータ $\theta^{(t-1)}$ のもとで負担率を計算する。
#
# $$
# \gamma_{nk} = \frac{\phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}
#                    {\sum_{j=1}^{K} \phi_j \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_j, \Sigma_j)}
# $$
#
# **M ステップ**: 負担率を重みとする最尤推定でパラメータ $\theta^{(t)}$ を求める。
#
# $$
# N_k = \sum_{n=1}^{N} \gamma_{nk}, \qquad
# \phi_k = \frac{N_k}{N}, \qquad
# \boldsymbol{\mu}_k = \frac{1}{N_k} \sum_{n=1}^{N} \gamma_{nk} \mathbf{x}_n, \qquad
# \Sigma_k = \frac{1}{N_k} \sum_{n=1}^{N} \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top
# $$
#
# 教科書のコードは、M ステップの後で新しいパラメータのもとでの対数尤度
#
# $$
# \ln p(X \mid \theta^{(t)}) = \sum_{n=1}^{N} \ln \sum_{k=1}^{K} \phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)
# $$
# を記録し、直前の反復との差が $\mathrm{tol} = 10^{-5}$ 未満になったところで反復を打ち切る。
# 初期値は教科書と同じく、$\phi_k = 1/K$、$\boldsymbol{\mu}_k$ はデータから重複なしに選んだ $K$ 点、
# $\Sigma_k$ はすべてデータ全体の共分散行列とする。

# %% [markdown] lang="en"
# ## The EM algorithm as a whole
#
# Write the parameters as $\theta = (\phi, \mu, \Sigma)$. The EM algorithm starts from initial values $\theta^{(0)}$ and,
# for $t = 1, 2, \dots$, repeats the following two steps.
#
# **E-step**: compute the responsibilities under the current parameters $\theta^{(t-1)}$.
#
# $$
# \gamma_{nk} = \frac{\phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}
#                    {\sum_{j=1}^{K} \phi_j \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_j, \Sigma_j)}
# $$
#
# **M-step**: find the parameters $\theta^{(t)}$ by maximum likelihood with the responsibilities as weights.
#
# $$
# N_k = \sum_{n=1}^{N} \gamma_{nk}, \qquad
# \phi_k = \frac{N_k}{N}, \qquad
# \boldsymbol{\mu}_k = \frac{1}{N_k} \sum_{n=1}^{N} \gamma_{nk} \mathbf{x}_n, \qquad
# \Sigma_k = \frac{1}{N_k} \sum_{n=1}^{N} \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top
# $$
#
# After the M-step, the textbook's code records the log-likelihood under the new parameters
#
# $$
# \ln p(X \mid \theta^{(t)}) = \sum_{n=1}^{N} \ln \sum_{k=1}^{K} \phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)
# $$
# and stops iterating as soon as its difference from the previous iteration falls below $\mathrm{tol} = 10^{-5}$.
# The initial values are the textbook's: $\phi_k = 1/K$, the $\boldsymbol{\mu}_k$ are $K$ points chosen from the data without replacement,
# and every $\Sigma_k$ is the covariance matrix of the whole data set.

# %% [markdown] slide="slide"
# ## ループを書く
#
# まず教科書のデータを読み込み、教科書と同じ初期値を作る。教科書は `np.random.seed(11)` のあとで
# `np.random.choice` を呼ぶ。ここでは同じ乱数列を生む `np.random.RandomState(11)` を使い、
# numpy 全体の乱数の状態には触れないようにする。

# %% [markdown] lang="en"
# ## Writing the loop
#
# First we load the textbook data and build the same initial values as the textbook. The textbook calls `np.random.choice` after
# `np.random.seed(11)`. Here we use `np.random.RandomState(11)`, which produces the same sequence of random numbers,
# so that numpy's global random state is left alone.

# %%
X = gt.textbook_data()
n, d = X.shape
K = 3
rs = np.random.RandomState(11)
phi0 = np.ones(K) / K
mu0 = X[rs.choice(n, K, replace=False)]
sigma0 = np.array([np.cov(X, rowvar=False) for _ in range(K)])
print("initial mu:\n", np.round(mu0, 3))
print("same as gt.init_params:", gt.init_params(X, K, init="textbook", seed=11, reg_covar=0.0).allclose(
    gt.GMMParams(phi0, mu0, sigma0)))

# %% [markdown] slide="subslide"
# 3 つの初期平均のうち (これまでの章と同じく、コードの成分 0 が式の $k = 1$ に当たる)、成分 0 は原点付近のクラスタの点、成分 1 と成分 2 はどちらも右上 $(3, 3)$ のクラスタの点から
# 出発する。この偶然の配置が後で効いてくるので覚えておくとよい。
#
# 次に、03 章と 04 章で書いた E ステップと M ステップを短くまとめ直す。E ステップは対数のまま計算し
# (log-sum-exp)、負担率と同時に対数尤度 $\sum_n \ln \sum_k \phi_k \mathcal{N}(\mathbf{x}_n \mid \cdot)$ も返す。
# 対数尤度は負担率の正規化の分母の対数の和にほかならないので、ついでに求まるのである。

# %% [markdown] lang="en"
# Of the three initial means (as in the earlier chapters, the code's component 0 is the formulas' $k = 1$), component 0 starts from a point of the cluster near the origin, and components 1 and 2 both start from points
# of the upper-right cluster around $(3, 3)$. This chance arrangement will matter later, so keep it in mind.
#
# Next we rewrite the E-step and M-step of chapters 03 and 04 in a compact form. The E-step works with logarithms
# (log-sum-exp) and returns, together with the responsibilities, the log-likelihood $\sum_n \ln \sum_k \phi_k \mathcal{N}(\mathbf{x}_n \mid \cdot)$.
# The log-likelihood is nothing but the sum of the logarithms of the denominators that normalise the responsibilities, so it comes for free.

# %%
def log_gauss(X, mu_k, sigma_k):
    diff = X - mu_k  # (n, d)
    maha = np.sum(diff @ np.linalg.inv(sigma_k) * diff, axis=1)  # (n,) squared Mahalanobis distance
    return -0.5 * (X.shape[1] * np.log(2 * np.pi) + np.linalg.slogdet(sigma_k)[1] + maha)


def e_step(X, phi, mu, sigma):
    log_r = np.column_stack([np.log(phi[k]) + log_gauss(X, mu[k], sigma[k]) for k in range(len(phi))])
    m = log_r.max(axis=1, keepdims=True)  # (n, 1) log-sum-exp
    log_total = m + np.log(np.exp(log_r - m).sum(axis=1, keepdims=True))  # (n, 1) log p(x_n)
    return np.exp(log_r - log_total), float(log_total.sum())  # responsibilities (n, K), log-likelihood


# %% slide="subslide"
def m_step(X, responsibilities):
    n, d = X.shape
    N_k = responsibilities.sum(axis=0)  # (K,)
    phi = N_k / n
    mu = responsibilities.T @ X / N_k[:, None]  # (K, d)
    sigma = np.empty((len(N_k), d, d))
    for k in range(len(N_k)):
        diff = X - mu[k]
        sigma[k] = (responsibilities[:, k, None] * diff).T @ diff / N_k[k]
    return phi, mu, sigma


responsibilities, ll = e_step(X, phi0, mu0, sigma0)
ref_resp, ref_ll = gt.e_step(X, gt.GMMParams(phi0, mu0, sigma0))
print("E-step matches gt.e_step:", np.allclose(responsibilities, ref_resp), np.isclose(ll, ref_ll))
print("M-step matches gt.m_step:", gt.GMMParams(*m_step(X, responsibilities)).allclose(
    gt.m_step(X, responsibilities, reg_covar=0.0)))

# %% [markdown]
# どちらもパッケージの実装と一致した。これで部品がそろったので、EM のループを書く。
# 教科書の `EM_GMM` と同じく、1 回の反復は E ステップ、M ステップ、対数尤度の記録、収束判定の 4 行からなる。

# %% [markdown] lang="en"
# Both agree with the package's implementation. With all the parts in place, we write the EM loop.
# As in the textbook's `EM_GMM`, one iteration consists of four lines: the E-step, the M-step, recording the log-likelihood, and the convergence test.

# %%
def em(X, phi, mu, sigma, num_iters=100, tol=1e-5):
    log_likelihoods = []
    for iteration in range(num_iters):
        responsibilities, _ = e_step(X, phi, mu, sigma)  # E-step
        phi, mu, sigma = m_step(X, responsibilities)  # M-step
        log_likelihoods.append(e_step(X, phi, mu, sigma)[1])  # log-likelihood under the new parameters
        if iteration > 0 and abs(log_likelihoods[-1] - log_likelihoods[-2]) < tol:  # convergence test
            break
    return phi, mu, sigma, np.array(log_likelihoods), iteration


phi, mu, sigma, log_likelihoods, iteration = em(X, phi0, mu0, sigma0)
print(f"Converged at iteration {iteration}")
print("phi:", np.round(phi, 4))
print(f"final log-likelihood: {log_likelihoods[-1]:.4f}")

# %% [markdown] slide="subslide"
# 教科書と同じく「Converged at iteration 57」が得られた。反復の番号 `iteration` は 0 から数えるので、
# 実際に行った反復は 58 回である。収束判定の `iteration > 0` は、比べる相手 (1 つ前の対数尤度) が
# まだないときに判定を飛ばすためのものである。
#
# 混合係数 $\phi$ は真の値 $(0.3, 0.4, 0.3)$ に近いが、並び順が違う。これについては後の節で扱う。

# %% [markdown] lang="en"
# As in the textbook, we get "Converged at iteration 57". The iteration number `iteration` counts from 0,
# so 58 iterations were actually carried out. The `iteration > 0` in the convergence test skips the test while there is
# nothing to compare with yet (no previous log-likelihood).
#
# The mixing coefficients $\phi$ are close to the true values $(0.3, 0.4, 0.3)$, but in a different order. A later section deals with this.

# %% [markdown] slide="slide"
# ## 教科書の結果を再現する
#
# パッケージの `gt.fit` は同じ反復を、コレスキー分解を使った安定な計算で行う。教科書と同じ条件
# (初期化 `"textbook"`、シード 11、共分散行列の正則化なし `reg_covar=0.0`) で推定し、教科書と同じ書式で
# 結果を印字する。`result.n_iter` は行った反復の回数 (58) なので、教科書の番号はそれより 1 小さい。

# %% [markdown] lang="en"
# ## Reproducing the textbook's results
#
# The package's `gt.fit` performs the same iterations with a stable computation based on the Cholesky decomposition. We estimate under the textbook's conditions
# (initialisation `"textbook"`, seed 11, no regularisation of the covariance matrices, `reg_covar=0.0`) and print the results
# in the textbook's format. `result.n_iter` is the number of iterations carried out (58), so the textbook's number is one less.

# %%
result = gt.fit(X, K, init="textbook", seed=11, reg_covar=0.0)  # K from the cell that set the initial values
print(f"Converged at iteration {result.n_iter - 1}")
print("Estimated mixing coefficients (phi):", result.params.phi)
print("Estimated means (mu):\n", result.params.mu)
print("Estimated covariances (sigma):\n", result.params.sigma)

# %% [markdown] slide="subslide"
# 教科書の章の末尾に印字されている値と並べてみると、すべての数字が一致している。目で比べるだけでなく、
# 計算でも確かめておく。次のセルの配列は、教科書の印字をそのまま書き写したものである。
# 印字は小数点以下 8 桁なので、差が最後の桁の半分 $5 \times 10^{-9}$ 以内であれば、印字される数字は同じになる。

# %% [markdown] lang="en"
# Set side by side with the values printed at the end of the textbook chapter, every digit agrees. Rather than only comparing by eye,
# let us also check by computation. The arrays in the next cell are copied verbatim from the textbook's printout.
# The printout has 8 decimal places, so if the difference is within half a unit of the last digit, $5 \times 10^{-9}$, the printed digits are the same.

# %%
# the textbook chapter's printed result, for its K = 3 and seed 11 (with another K there is nothing to compare)
phi_book = np.array([0.3103679, 0.30013538, 0.38949671])
mu_book = np.array([[0.08871446, 0.04564594], [-3.08442868, 3.07309071], [3.05915799, 3.15711097]])
sigma_book = np.array([[[1.01691342, 0.38486941], [0.38486941, 0.98651172]],
                       [[1.44451192, 0.28724678], [0.28724678, 0.91035083]],
                       [[1.09349783, -0.24274844], [-0.24274844, 1.27556857]]])
for name, ours, book in [("phi", result.params.phi, phi_book), ("mu", result.params.mu, mu_book),
                         ("sigma", result.params.sigma, sigma_book)]:
    same_shape = np.shape(ours) == np.shape(book)
    print(f"{name:5s} agrees with the chapter to 5e-9:", same_shape and np.allclose(ours, book, rtol=0, atol=5e-9))

# %% [markdown] slide="subslide"
# さらに、教科書のコードそのもの (`gt.textbook.em_gmm`: 描画部分だけを除いたもの) を走らせて比べる。
# 教科書のコードは密度を対数をとらずに計算し、逆行列と行列式を直接求めるので、計算の順序は
# `gt.fit` とも本章の `em` とも異なる。それでも差は浮動小数点の丸め誤差の程度に収まるはずである。

# %% [markdown] lang="en"
# Next we run the textbook's code itself (`gt.textbook.em_gmm`: the code with only the drawing removed) and compare.
# The textbook's code computes the densities without logarithms and computes inverses and determinants directly, so its order of operations
# differs from both `gt.fit` and this chapter's `em`. Even so, the differences should stay at the level of floating-point rounding errors.

# %%
phi_t, mu_t, sigma_t, resp_t, lls_t, snapshots, last_iteration = gt.textbook.em_gmm(X, result.params.K)
diff_params = max(np.abs(phi_t - result.params.phi).max(), np.abs(mu_t - result.params.mu).max(),
                  np.abs(sigma_t - result.params.sigma).max())
print("same last iteration:", last_iteration == result.n_iter - 1)
print("max |difference| in phi, mu, sigma below 1e-10:", diff_params < 1e-10)
print("relative difference in log-likelihoods below 1e-12:", len(lls_t) == len(result.log_likelihoods)
      and np.abs(np.array(lls_t) / result.log_likelihoods - 1).max() < 1e-12)  # False if gt.fit stopped at max_iter
print("our em() agrees with gt.fit:", gt.GMMParams(phi, mu, sigma).allclose(result.params))

# %% [markdown]
# 3 つの実装 (教科書のコード、本章の `em`、`gt.fit`) は同じ反復で止まり、同じ推定値を与える。
# 以後はパッケージの `result` を使う。`result.history[t]` は反復 $t$ の後のパラメータ
# (`history[0]` は初期値)、`result.log_likelihoods[t-1]` は反復 $t$ の後の対数尤度である。

# %% [markdown] lang="en"
# The three implementations (the textbook's code, this chapter's `em` and `gt.fit`) stop at the same iteration and give the same estimates.
# From now on we use the package's `result`. `result.history[t]` holds the parameters after iteration $t$
# (`history[0]` is the initial values), and `result.log_likelihoods[t-1]` is the log-likelihood after iteration $t$.

# %% [markdown] slide="slide"
# ## 対数尤度の推移
#
# 対数尤度を反復ごとに描く。左は対数尤度そのもの ($t = 0$ は初期値での値)、右は 1 反復あたりの増加量
# $\Delta_t = \ln p(X \mid \theta^{(t)}) - \ln p(X \mid \theta^{(t-1)})$ を対数目盛で描き、
# 収束判定の閾値 $\mathrm{tol} = 10^{-5}$ を破線で示したものである。

# %% [markdown] lang="en"
# ## How the log-likelihood evolves
#
# We plot the log-likelihood at each iteration. On the left is the log-likelihood itself ($t = 0$ is its value at the initial parameters); on the right is the increase per iteration,
# $\Delta_t = \ln p(X \mid \theta^{(t)}) - \ln p(X \mid \theta^{(t-1)})$, on a log scale,
# with the threshold of the convergence test, $\mathrm{tol} = 10^{-5}$, drawn as a dashed line.

# %%
ll_init = gt.log_likelihood(X, result.history[0])
increase = np.diff(np.concatenate([[ll_init], result.log_likelihoods]))  # Delta_t for t = 1, ..., n_iter
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8))
gt.plot.draw_log_likelihood(ax1, result.log_likelihoods, initial=ll_init)
ax1.set_title("Log-likelihood over EM iterations")
ax2.semilogy(np.arange(1, result.n_iter + 1), increase, marker="o", markersize=3)
ax2.axhline(1e-5, color="C3", linestyle="--", label="tol = 1e-5")
ax2.set(title="Increase per iteration", xlabel="Iteration $t$", ylabel=r"$\Delta_t$ (log scale)")
ax2.legend()
plt.show()

# %% [markdown] slide="subslide"
# 左の図の対数尤度は、最初の数回の反復で初期値の $-4755$ 付近から一気に $-4200$ 付近まで上がり、そこで
# 20 回ほどほとんど動かない「プラトー」に入る。反復 30 を過ぎると再び急に上がり、$-3937$ 付近で落ち着く。
# 右の図では、プラトーの間の増加量は 0.15 程度まで下がるが 0 にはならず、反復 33 付近で再び山を作る。
# 最後の 20 回ほどは、増加量が対数目盛でほぼ直線に沿って減り、閾値を下回ったところで止まる。
#
# プラトーの間に何が起きているかは、パラメータの履歴 `result.history` を見ればわかる。

# %% [markdown] lang="en"
# In the left plot, the log-likelihood shoots up in the first few iterations from about $-4755$ at the initial values to about $-4200$, and then
# enters a "plateau" where it hardly moves for about 20 iterations. After iteration 30 it rises sharply again and settles at about $-3937$.
# In the right plot, the increase during the plateau drops to about 0.15 but never reaches 0, and around iteration 33 it forms a second peak.
# Over the last 20 or so iterations the increase falls along an almost straight line on the log scale, and the run stops once it drops below the threshold.
#
# What happens during the plateau can be seen from the history of the parameters, `result.history`.

# %%
# components 1 and 2 of the chapter's K = 3; iterations beyond result.n_iter (a smaller max_iter) are skipped
for t in [t for t in (0, 5, 20, 30, 40) if t < result.n_iter] + [result.n_iter]:
    print(f"t = {t:2d}  mu_1 = {result.history[t].mu[1].round(2)}  mu_2 = {result.history[t].mu[2].round(2)}")

# %% [markdown] slide="subslide"
# 右上のクラスタから出発した成分 1 と成分 2 は、5 回の反復で 2 つとも上側の 2 つのクラスタの中間 ($x_1 \approx 0.5$) に
# 寄り、それぞれが左上と右上の両方のクラスタを半分ずつ受け持つ状態になる。この状態では 2 つの成分をどちらへ
# 動かしても対数尤度はわずかしか増えないので、2 つの成分はゆっくりとしか離れていかない。反復 30 の頃に
# 成分 1 が左、成分 2 が右へはっきり分かれると、対数尤度は急に増える。
#
# プラトーは収束判定にとって落とし穴である。tol を大きくとると、EM はプラトーの上で「収束した」と判断してしまう。

# %% [markdown] lang="en"
# Components 1 and 2, which started from the upper-right cluster, both move within 5 iterations to the middle between the two upper clusters ($x_1 \approx 0.5$),
# where each of them takes on half of the upper-left and half of the upper-right cluster. In this state, moving the two components in either direction
# increases the log-likelihood only slightly, so they drift apart only slowly. Around iteration 30,
# once component 1 has clearly moved to the left and component 2 to the right, the log-likelihood rises sharply.
#
# The plateau is a trap for the convergence test. With a large tol, EM decides it has "converged" while it is still on the plateau.

# %%
for tol in [1e-5, 0.2]:
    r = gt.fit(X, K, init="textbook", seed=11, reg_covar=0.0, tol=tol)
    print(f"tol = {tol:g}: stopped after {r.n_iter} iterations, log-likelihood {r.log_likelihoods[-1]:.2f}")

# %% [markdown] slide="subslide"
# tol = 0.2 では 10 回の反復で止まり、対数尤度は本来の値より 260 以上低い。プラトーの上の増加量 (0.15 程度) が
# tol を下回ったからである。増加量が小さいことは、最大値に近いことを意味しない。
#
# 最後に、対数尤度が一度も減っていないこと、終盤の増加量の比率、最後の増加量が tol を下回ったことを確かめる。

# %% [markdown] lang="en"
# With tol = 0.2 the run stops after 10 iterations, with a log-likelihood more than 260 below the proper value, because the increase on the plateau (about 0.15)
# fell below tol. A small increase does not mean we are close to the maximum.
#
# Finally, we check that the log-likelihood never decreased, the ratio between successive increases near the end, and that the last increase fell below tol.

# %%
print("never decreases:", bool(np.all(increase >= 0)))
print(f"total increase from the initial parameters: {result.log_likelihoods[-1] - ll_init:.2f}")
print(f"ratio Delta_t / Delta_(t-1) over the last 10 iterations: {np.median(increase[-10:] / increase[-11:-1]):.2f}")
print(f"last increase below tol: {increase[-1] < 1e-5}")

# %% [markdown] slide="notes"
# 終盤の増加量は 1 反復ごとにおよそ 0.55 倍になる。増加量が毎回ほぼ一定の比率で小さくなるので、
# 対数目盛では直線に見えるのである (1 次収束)。この比率が 1 に近いほど収束は遅い。
# 成分どうしの重なりが大きいデータほど比率は 1 に近づき、EM は多くの反復を要する。
#
# **なぜ対数尤度は減らないのか。** 04 章では、E ステップで対数尤度に接する下界 $\mathcal{L}$ を作り、
# M ステップでそれを持ち上げる様子を図で見た。ここではその議論を式で整理する。各点の潜在変数 $z_n$ についての任意の分布 $q_{nk} \ge 0$
# ($\sum_k q_{nk} = 1$) に対し、対数尤度は次のように 2 つの項に分解できる。
#
# $$
# \ln p(X \mid \theta) = \underbrace{\sum_{n}\sum_{k} q_{nk} \ln \frac{\phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{q_{nk}}}_{\mathcal{L}(q, \theta)}
# \; + \; \underbrace{\sum_{n}\sum_{k} q_{nk} \ln \frac{q_{nk}}{p(z_n = k \mid \mathbf{x}_n, \theta)}}_{\mathrm{KL}(q \,\|\, p(Z \mid X, \theta)) \;\ge\; 0}
# $$
# KL ダイバージェンスは非負なので、$\mathcal{L}(q, \theta)$ は対数尤度の下界である。
#
# 1. E ステップは $q_{nk} = \gamma_{nk} = p(z_n = k \mid \mathbf{x}_n, \theta^{(t-1)})$ とおく。このとき KL は 0 になり、
#    下界は対数尤度に接する: $\mathcal{L}(q, \theta^{(t-1)}) = \ln p(X \mid \theta^{(t-1)})$。
# 2. M ステップは $q$ を固定して $\mathcal{L}(q, \theta)$ を $\theta$ について最大化する
#    (04 章で導いた $N_k, \phi_k, \boldsymbol{\mu}_k, \Sigma_k$ の式がその最大化の解である)。
#    よって $\mathcal{L}(q, \theta^{(t)}) \ge \mathcal{L}(q, \theta^{(t-1)})$。
# 3. 新しい $\theta^{(t)}$ では KL はふたたび 0 以上になるから、
#
#    $$\ln p(X \mid \theta^{(t)}) = \mathcal{L}(q, \theta^{(t)}) + \mathrm{KL} \ge \mathcal{L}(q, \theta^{(t)}) \ge \mathcal{L}(q, \theta^{(t-1)}) = \ln p(X \mid \theta^{(t-1)})$$
#
# したがって、計算が正しければ対数尤度は反復ごとに決して減らない。逆に、自分で書いた EM で対数尤度が
# 減ったら、どこかに誤りがあると考えてよい (演習の採点関数もこの性質を手がかりにしている)。
# ただしこれは M ステップが $\mathcal{L}$ を厳密に最大化する場合 (`reg_covar=0.0`) の話である。`reg_covar` $> 0$ では
# 共分散行列に小さな値を足すぶん最大化からわずかにずれるので、収束間際に対数尤度がごくわずかに下がることがある (10 章)。
#
# 一方で、止まった点が対数尤度の**最大値**である保証はない。$\Delta_t < \mathrm{tol}$ は「いまはほとんど
# 増えていない」ことしか意味しない (上のプラトーの例)。また教科書の判定は差の絶対値で行うので、データ点の数 $N$ が 2 倍になれば
# 対数尤度も増加量もおよそ 2 倍になり、同じ tol でも実質的に厳しい判定になる (scikit-learn は 1 点あたりの
# 平均対数尤度で判定する)。

# %% [markdown] lang="en"
# Near the end, the increase shrinks to about 0.55 times its previous value at every iteration. Because it shrinks by an almost constant ratio each time,
# it looks like a straight line on a log scale (linear convergence). The closer this ratio is to 1, the slower the convergence.
# The more the components overlap in the data, the closer the ratio gets to 1, and the more iterations EM needs.
#
# **Why does the log-likelihood never decrease?** In chapter 04 we saw in a figure how the E-step builds a lower bound $\mathcal{L}$ that touches the log-likelihood
# and the M-step lifts it. Here we put that argument into equations. For any distribution $q_{nk} \ge 0$
# ($\sum_k q_{nk} = 1$) over the latent variable $z_n$ of each point, the log-likelihood splits into two terms:
#
# $$
# \ln p(X \mid \theta) = \underbrace{\sum_{n}\sum_{k} q_{nk} \ln \frac{\phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{q_{nk}}}_{\mathcal{L}(q, \theta)}
# \; + \; \underbrace{\sum_{n}\sum_{k} q_{nk} \ln \frac{q_{nk}}{p(z_n = k \mid \mathbf{x}_n, \theta)}}_{\mathrm{KL}(q \,\|\, p(Z \mid X, \theta)) \;\ge\; 0}
# $$
# The KL divergence is non-negative, so $\mathcal{L}(q, \theta)$ is a lower bound on the log-likelihood.
#
# 1. The E-step sets $q_{nk} = \gamma_{nk} = p(z_n = k \mid \mathbf{x}_n, \theta^{(t-1)})$. Then the KL term is 0, and
#    the lower bound touches the log-likelihood: $\mathcal{L}(q, \theta^{(t-1)}) = \ln p(X \mid \theta^{(t-1)})$.
# 2. The M-step holds $q$ fixed and maximises $\mathcal{L}(q, \theta)$ over $\theta$
#    (the formulas for $N_k, \phi_k, \boldsymbol{\mu}_k, \Sigma_k$ derived in chapter 04 are the solution of this maximisation).
#    Hence $\mathcal{L}(q, \theta^{(t)}) \ge \mathcal{L}(q, \theta^{(t-1)})$.
# 3. At the new $\theta^{(t)}$ the KL term is again at least 0, so
#
#    $$\ln p(X \mid \theta^{(t)}) = \mathcal{L}(q, \theta^{(t)}) + \mathrm{KL} \ge \mathcal{L}(q, \theta^{(t)}) \ge \mathcal{L}(q, \theta^{(t-1)}) = \ln p(X \mid \theta^{(t-1)})$$
#
# So, as long as the computation is correct, the log-likelihood never decreases from one iteration to the next. Conversely, if the log-likelihood
# decreases in an EM you wrote yourself, you can take it that there is a mistake somewhere (the exercise checker also uses this property as a clue).
# This holds when the M-step maximises $\mathcal{L}$ exactly (`reg_covar=0.0`). With `reg_covar` $> 0$ the small number added to the covariance
# matrices moves the M-step slightly away from the maximum, so near convergence the log-likelihood can fall by a tiny amount (chapter 10).
#
# On the other hand, there is no guarantee that the point where EM stops is the **maximum** of the log-likelihood. $\Delta_t < \mathrm{tol}$ only means "it is hardly
# increasing right now" (the plateau example above). Also, the textbook's test uses the absolute difference, so if the number of data points $N$ doubles,
# the log-likelihood and its increases roughly double as well, and the same tol becomes an effectively stricter test (scikit-learn tests the
# average log-likelihood per point instead).

# %% [markdown] slide="slide"
# ## 推定値と真の値 ── ラベルの入れ替わり
#
# 推定した混合係数は $(0.310, 0.300, 0.389)$、真の値は $(0.3, 0.4, 0.3)$ であった。値の組はよく似ているが、
# 2 番目と 3 番目が入れ替わっている。推定した成分と真の成分を同じ図に描き、番号を書き込んでみる。

# %% [markdown] lang="en"
# ## Estimates and true values: label switching
#
# The estimated mixing coefficients were $(0.310, 0.300, 0.389)$, and the true values are $(0.3, 0.4, 0.3)$. The two sets of values look alike,
# but the second and the third are swapped. Let us draw the estimated and the true components in one figure and label them with their numbers.

# %%
truth = gt.TEXTBOOK_TRUTH
fig, ax = plt.subplots(figsize=(5.5, 5.5))
gt.plot.draw_points(ax, X, result.responsibilities)
gt.plot.draw_ellipses(ax, result.params, radii=(1, 2))
gt.plot.draw_ellipses(ax, truth, radii=(2,), colors=[gt.plot.TRUTH_COLOR] * truth.K, linestyle="--")
gt.plot.draw_means(ax, result.params)
box = dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none", alpha=0.85)
for k in range(result.params.K):
    ax.annotate(f"est. {k}", result.params.mu[k], xytext=(6, 6), textcoords="offset points", fontsize=11,
                color=gt.plot.component_colors(result.params.K)[k], bbox=box)
for k in range(truth.K):
    ax.annotate(f"true {k}", truth.mu[k], xytext=(6, -20), textcoords="offset points", fontsize=11, bbox=box)
ax.set(title="Estimated (solid) and true (dashed) components", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
plt.show()

# %% [markdown] slide="subslide"
# 原点のクラスタでは推定の成分 0 と真の成分 0 が重なっているが、右上 $(3, 3)$ のクラスタは推定の成分 2 と真の成分 1、
# 左上 $(-3, 3)$ のクラスタは推定の成分 1 と真の成分 2 である。これが**ラベルの入れ替わり** (label switching) である。
#
# 入れ替わりは誤りではない。混合分布の密度
# $p(\mathbf{x}) = \sum_k \phi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$ は和なので、
# 成分の番号を付け替えても ($\phi, \mu, \Sigma$ を同じ順列で並べ替えても) 値は変わらない。
# したがって尤度の最大点は $K! = 6$ 個の「番号だけ違う」点として現れ、どれに行き着くかは初期値で決まる。
# 番号は単なる名札であり、データはどの名札がどのクラスタに付くかについて何も教えてくれない。
#
# 本章の初期値では成分 1 と 2 がどちらも右上のクラスタから出発した。前節で見たとおり、反復の途中で成分 1 が
# 左上のクラスタへ移動し、その結果として番号が入れ替わったのである (この動きは 06 章のアニメーションで見られる)。
#
# 推定値を真の値と比べるには、まず成分の対応をとる必要がある。`gt.match_components(estimated, truth)` は、
# 対応する平均どうしの距離の 2 乗の和が最小になる並べ替え `order` を返す。`order[k]` が真の成分 $k$ に
# 対応する推定の成分の番号である。

# %% [markdown] lang="en"
# In the cluster at the origin, estimated component 0 and true component 0 coincide, but the upper-right cluster at $(3, 3)$ is estimated component 2 and true component 1,
# and the upper-left cluster at $(-3, 3)$ is estimated component 1 and true component 2. This is **label switching**.
#
# Label switching is not an error. The density of the mixture
# $p(\mathbf{x}) = \sum_k \phi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$ is a sum,
# so renumbering the components (permuting $\phi, \mu, \Sigma$ with the same permutation) does not change its value.
# The maximum of the likelihood therefore appears as $K! = 6$ points that "differ only in the numbering", and which one EM reaches is decided by the initial values.
# The numbers are mere name tags, and the data tell us nothing about which tag goes on which cluster.
#
# With this chapter's initial values, components 1 and 2 both started from the upper-right cluster. As we saw in the previous section, component 1
# moved to the upper-left cluster during the iterations, and that is how the numbers got swapped (you can watch this movement in the animation of chapter 06).
#
# To compare the estimates with the true values, we first have to match the components. `gt.match_components(estimated, truth)` returns
# the permutation `order` that minimises the sum of the squared distances between matched means. `order[k]` is the number of the estimated component
# that corresponds to true component $k$.

# %% slide="subslide"
order = gt.match_components(result.params, truth)  # pairs estimated and true components: needs K = truth.K (3)
aligned = result.params.permute(order)
print("order:", order)
print(f"{'k':>2} {'phi true':>9} {'phi est.':>9}   {'mu true':>14}   {'mu est.':>16}")
for k in range(truth.K):
    print(f"{k:>2} {truth.phi[k]:9.3f} {aligned.phi[k]:9.3f}   {str(truth.mu[k].round(3)):>14}   "
          f"{str(aligned.mu[k].round(3)):>16}")
print("likelihood unchanged by the permutation:",
      np.isclose(gt.log_likelihood(X, aligned), gt.log_likelihood(X, result.params)))

# %% [markdown] slide="subslide"
# `order = [0 2 1]` は「真の成分 1 には推定の成分 2 が、真の成分 2 には推定の成分 1 が対応する」ことを表す。
# 並べ替えた後では、混合係数も平均も真の値とよく一致している。混合係数の推定値が 0.3 と 0.4 から
# 少しずれるのは、成分の重なった部分の点を両方の成分が分け合うためであり、1000 点という有限の標本による
# ゆらぎもある。並べ替えても対数尤度が変わらないことも確かめられた。共分散行列も同様に比べられる。

# %% [markdown] lang="en"
# `order = [0 2 1]` says that "estimated component 2 corresponds to true component 1, and estimated component 1 to true component 2".
# After the permutation, both the mixing coefficients and the means agree well with the true values. The estimated mixing coefficients deviate a little from 0.3 and 0.4
# because the two components share the points where they overlap, and there is also the fluctuation that comes from a finite sample
# of 1000 points. We have also confirmed that the permutation leaves the log-likelihood unchanged. The covariance matrices can be compared in the same way.

# %%
print("true sigma (aligned order):\n", truth.sigma.round(2))
print("estimated sigma (aligned order):\n", aligned.sigma.round(2))

# %% [markdown]
# 対角成分 (各座標の分散) も非対角成分 (共分散) も、符号と大きさがよく合っている。ずれは最大で 0.2 程度である。
# 300〜400 点から分散 $\sigma^2$ を推定するときの標準誤差はおよそ $\sigma^2 \sqrt{2 / N_k} \approx 0.1$ なので、
# このずれは EM の誤りではなく、有限の標本によるゆらぎとして説明できる大きさである。

# %% [markdown] lang="en"
# Both the diagonal entries (the variance of each coordinate) and the off-diagonal entries (the covariances) agree well in sign and size; the differences are at most about 0.2.
# When a variance $\sigma^2$ is estimated from 300 to 400 points, its standard error is roughly $\sigma^2 \sqrt{2 / N_k} \approx 0.1$,
# so differences of this size are not a fault of EM: they are what the fluctuation of a finite sample can explain.

# %% [markdown] slide="slide"
# ## 初期値の影響
#
# EM が行き着く先は初期値で決まる。教科書の初期化のシードを 0 から 19 まで変えて 20 回推定し、
# 最終的な対数尤度と反復回数を調べる。

# %% [markdown] lang="en"
# ## The influence of the initial values
#
# Where EM ends up is decided by the initial values. We run the estimation 20 times, with the seed of the textbook initialisation going from 0 to 19,
# and look at the final log-likelihoods and the numbers of iterations.

# %%
seeds = np.arange(20)
runs = [gt.fit(X, K, init="textbook", seed=int(s), reg_covar=0.0) for s in seeds]
final_ll = np.array([r.log_likelihoods[-1] for r in runs])
n_iters = np.array([r.n_iter for r in runs])
print("distinct final log-likelihoods (2 decimals):", np.unique(final_ll.round(2)))
print("iterations: min", n_iters.min(), "max", n_iters.max(), "median", np.median(n_iters))

# %% slide="subslide"
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8))
for r in runs:
    ax1.plot(np.arange(1, r.n_iter + 1), r.log_likelihoods, linewidth=1, alpha=0.7)
ax1.set(title="Log-likelihood for seeds 0-19", xlabel="Iteration $t$", ylabel="Log-likelihood", ylim=(-4400, -3900))
ax2.bar(seeds, n_iters, color="0.5")
ax2.set(title="Iterations until convergence", xlabel="Seed", ylabel="Number of iterations", xticks=seeds[::2])
plt.show()

# %% [markdown] slide="subslide"
# 20 個のシードはすべて同じ対数尤度 $-3936.64$ に到達した (成分の番号の付き方はシードごとに違う)。
# 道のりはさまざまで、左の図では途中で長く平らになってから再び上昇する曲線が見える。
# これはシード 11 で見たプラトーと同じく、2 つの成分が複数のクラスタを分け合った状態がしばらく続き、
# やがて両者が別々のクラスタへ分かれる場合である。
# 反復回数は右の図のように 2 倍以上ばらつく。
#
# では、いつも同じ答えに行き着くのかというと、そうではない。シードを 20 以降にも広げ、
# 最良の値より 1 以上低い対数尤度で止まるシードを探す (反復の上限は 1000 に広げておく)。

# %% [markdown] lang="en"
# All 20 seeds reached the same log-likelihood, $-3936.64$ (how the components are numbered differs from seed to seed).
# The routes vary, though: in the left plot you can see curves that stay flat for a long stretch and then rise again.
# These are runs like the plateau we saw with seed 11: two components share several clusters for a while,
# and eventually separate onto different clusters.
# The number of iterations varies by a factor of more than 2, as the right plot shows.
#
# So does EM always arrive at the same answer? No, it does not. We extend the seeds beyond 20 and
# look for one that stops at a log-likelihood at least 1 below the best value (raising the iteration limit to 1000).

# %%
best_ll = final_ll.max()
for seed in range(20, 200):
    bad = gt.fit(X, K, init="textbook", seed=seed, reg_covar=0.0, max_iter=1000)
    if bad.log_likelihoods[-1] < best_ll - 1:
        break
print("seed:", seed, "converged:", bad.converged, "iterations:", bad.n_iter)
print(f"final log-likelihood: {bad.log_likelihoods[-1]:.2f} (best: {best_ll:.2f})")
print("phi:", bad.params.phi.round(3))

# %% slide="subslide"
fig, axes = plt.subplots(1, 2, figsize=(10, 5))
for ax, r, name in [(axes[0], result, "seed 11"), (axes[1], bad, f"seed {seed}")]:
    gt.plot.draw_points(ax, X, r.responsibilities)
    gt.plot.draw_ellipses(ax, r.params, radii=(1, 2))
    gt.plot.draw_means(ax, r.params)
    ax.set(title=f"{name}: log-likelihood {r.log_likelihoods[-1]:.1f}", xlabel="$x_1$", ylabel="$x_2$",
           aspect="equal")
plt.show()

# %% [markdown] slide="subslide"
# 右の図が**局所最適解**である。左上のクラスタを 2 つの成分が分け合い、残る 1 つの成分が原点と右上の 2 つのクラスタを
# まとめて 1 つの大きな楕円で覆っている。この点は対数尤度の極大点であり、パラメータを少し動かすと
# どの方向にも対数尤度が下がる。左上の成分の 1 つを原点のクラスタへ移せばずっと良い解になるが、その途中で
# 対数尤度がいったん下がるので、対数尤度を決して減らさない EM にはその谷を越えられない。
# それでも収束判定は満たされ、`converged` は True になる。収束したことは、良い解であることを意味しない。
#
# 実用上は、異なる初期値で何度か推定し、最も対数尤度の高い結果を採用する (scikit-learn の `n_init`)。
# また k-means++ のように初期平均を互いに離して選ぶ初期化 (`init="kmeans++"`) は、こうした失敗を減らす。

# %% [markdown] lang="en"
# The right-hand figure is a **local optimum**. Two components share the upper-left cluster, and the remaining component covers the origin cluster
# and the upper-right cluster together with one big ellipse. This point is a local maximum of the log-likelihood: moving the parameters a little
# in any direction lowers the log-likelihood. Moving one of the upper-left components to the origin cluster would give a much better solution, but on the way there
# the log-likelihood first goes down, and EM, which never decreases the log-likelihood, cannot cross that valley.
# Even so, the convergence test is satisfied and `converged` is True. Having converged does not mean that the solution is good.
#
# In practice, one runs the estimation several times from different initial values and keeps the result with the highest log-likelihood (scikit-learn's `n_init`).
# An initialisation that chooses initial means far apart from each other, like k-means++ (`init="kmeans++"`), also makes such failures less likely.

# %% [markdown] slide="slide"
# ## 反復回数が足りないとき
#
# `max_iter` (教科書の `num_iters`) に達しても収束判定が満たされなければ、`gt.fit` は
# `gt.ConvergenceWarning` という警告を出し、そこまでの結果を返す。警告を捕まえて内容を表示してみる。

# %% [markdown] lang="en"
# ## When there are too few iterations
#
# If the convergence test is still not satisfied when `max_iter` (the textbook's `num_iters`) is reached, `gt.fit` issues
# a warning, `gt.ConvergenceWarning`, and returns the results so far. Let us catch the warning and print it.

# %%
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    short = gt.fit(X, K, init="textbook", seed=11, reg_covar=0.0, max_iter=10)
for w in caught:
    print(w.category.__name__ + ":", w.message)
print("converged:", short.converged, "| iterations:", short.n_iter)
print(f"log-likelihood after 10 iterations: {short.log_likelihoods[-1]:.2f} (converged run: {result.log_likelihoods[-1]:.2f})")

# %% [markdown]
# 10 回の反復では、EM はまだ前節のプラトーの上にいる。対数尤度は最終値より 260 以上低く、最後の変化量
# (メッセージの last change) も tol よりはるかに大きい。
# 教科書のコードはこの場合に何も表示しないまま、途中の結果を返す。警告が出たら `max_iter` を増やすか、
# 初期値を見直すとよい。プログラムの中では警告の有無ではなく `result.converged` を調べるのが確実である。

# %% [markdown] lang="en"
# After 10 iterations, EM is still on the plateau of the previous section. The log-likelihood is more than 260 below the final value, and the last change
# (the "last change" in the message) is also far larger than tol.
# In this situation the textbook's code silently returns the intermediate results. When you see the warning, increase `max_iter` or
# reconsider the initial values. Inside a program, checking `result.converged` is more reliable than checking whether a warning appeared.

# %% [markdown] slide="slide"
# ## まとめ
#
# - EM の 1 回の反復は、E ステップ (負担率)、M ステップ (重み付き最尤推定)、対数尤度の記録、収束判定
#   $|\Delta| < \mathrm{tol}$ の 4 行で書ける。
# - `gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)` は教科書の結果 (反復 57 で収束、
#   $\phi = (0.3103679, 0.30013538, 0.38949671)$ など) を印字の最後の桁まで再現し、教科書のコードとも
#   丸め誤差の範囲で一致する。
# - 対数尤度は反復ごとに決して減らない。E ステップが下界 $\mathcal{L}(q, \theta)$ を対数尤度に接させ、
#   M ステップがその下界を最大化するからである。ただし行き着く先が最大値である保証はない。
# - 成分の番号は名札にすぎず、推定と真の値で一致するとは限らない (ラベルの入れ替わり)。
#   比べる前に `gt.match_components` で対応をとる。
# - 初期値によっては局所最適解に止まる。複数の初期値を試し、対数尤度の最も高い結果を選ぶ。
#   `max_iter` が足りなければ `ConvergenceWarning` が出る。

# %% [markdown] lang="en"
# ## Summary
#
# - One EM iteration can be written in four lines: the E-step (responsibilities), the M-step (weighted maximum likelihood), recording the log-likelihood, and the convergence test
#   $|\Delta| < \mathrm{tol}$.
# - `gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)` reproduces the textbook's results (converged at iteration 57,
#   $\phi = (0.3103679, 0.30013538, 0.38949671)$ and so on) down to the last printed digit, and agrees with the textbook's code
#   to within rounding error.
# - The log-likelihood never decreases from one iteration to the next, because the E-step makes the lower bound $\mathcal{L}(q, \theta)$ touch the log-likelihood
#   and the M-step maximises that lower bound. There is no guarantee, however, that EM ends up at the maximum.
# - Component numbers are only name tags, and they need not agree between the estimates and the true values (label switching).
#   Match the components with `gt.match_components` before comparing.
# - Depending on the initial values, EM may stop at a local optimum. Try several initial values and choose the result with the highest log-likelihood.
#   If `max_iter` is too small, a `ConvergenceWarning` is issued.

# %% [markdown] slide="slide"
# ## 演習
#
# ### 演習 1: E ステップを 1 反復 1 回にする
#
# 本文の `em` は 1 回の反復で `e_step` を 2 回呼んでいる (負担率のためと、対数尤度のため)。
# しかし M ステップの後に計算する対数尤度は、次の反復の E ステップで負担率と一緒に求まる値と同じである。
# この点を利用し、1 回の反復あたり `e_step` を 1 回だけ呼ぶ EM を書け。
#
# - 呼び出し方: `em_fast(X, phi, mu, sigma, n_iter)`。`X` (n, d)、`phi` (K,)、`mu` (K, d)、`sigma` (K, d, d)。
# - 収束判定はせず、ちょうど `n_iter` 回反復する。
# - 返り値は `(phi, mu, sigma, log_likelihoods)`。`log_likelihoods` は各反復の M ステップ後の対数尤度を並べた
#   長さ `n_iter` の配列である。本文の `e_step` と `m_step` を使ってよい。
#
# 採点関数 `gt.checks.check_em` は、いくつかの初期値から `gt.fit` と同じ回数だけ反復した結果と比べる。

# %% [markdown] lang="en"
# ## Exercises
#
# ### Exercise 1: one E-step per iteration
#
# The chapter's `em` calls `e_step` twice per iteration (once for the responsibilities and once for the log-likelihood).
# But the log-likelihood computed after the M-step is the same value that the next iteration's E-step obtains together with the responsibilities.
# Use this to write an EM that calls `e_step` only once per iteration.
#
# - Call: `em_fast(X, phi, mu, sigma, n_iter)`, with `X` (n, d), `phi` (K,), `mu` (K, d), `sigma` (K, d, d).
# - No convergence test: iterate exactly `n_iter` times.
# - Return `(phi, mu, sigma, log_likelihoods)`, where `log_likelihoods` is an array of length `n_iter` holding the log-likelihood
#   after each iteration's M-step. You may use the chapter's `e_step` and `m_step`.
#
# The checker `gt.checks.check_em` compares your results, from several initial values, with those of `gt.fit` run for the same number of iterations.

# %% slide="skip"
def em_fast(X, phi, mu, sigma, n_iter):
    """n_iter EM iterations with one e_step call each; returns phi, mu, sigma, log_likelihoods (n_iter,)."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_em(em_fast)

# %% [markdown]
# ### 演習 2: ループのない M ステップ
#
# 本文の `m_step` は $\Sigma_k$ を成分ごとの `for` ループで計算している。`np.einsum` を使って、
# `for` ループを使わずに $\phi, \mu, \Sigma$ を返す M ステップ `m_step_vectorized(X, responsibilities)` を書け。
# 返り値は `(phi, mu, sigma)` で、形はそれぞれ (K,)、(K, d)、(K, d, d) である。
#
# ヒント: `diff = X[:, None, :] - mu[None, :, :]` は形 (n, K, d) の配列で、`diff[n, k]` が
# $\mathbf{x}_n - \boldsymbol{\mu}_k$ である。$\Sigma_k$ の $(i, j)$ 成分は
# $\frac{1}{N_k}\sum_n \gamma_{nk} \, (\mathbf{x}_n - \boldsymbol{\mu}_k)_i (\mathbf{x}_n - \boldsymbol{\mu}_k)_j$ である。

# %% [markdown] lang="en"
# ### Exercise 2: an M-step without a loop
#
# The chapter's `m_step` computes $\Sigma_k$ with a `for` loop over the components. Using `np.einsum`,
# write an M-step `m_step_vectorized(X, responsibilities)` that returns $\phi, \mu, \Sigma$ without a `for` loop.
# It returns `(phi, mu, sigma)`, with shapes (K,), (K, d) and (K, d, d) respectively.
#
# Hint: `diff = X[:, None, :] - mu[None, :, :]` is an array of shape (n, K, d), and `diff[n, k]` is
# $\mathbf{x}_n - \boldsymbol{\mu}_k$. The $(i, j)$ entry of $\Sigma_k$ is
# $\frac{1}{N_k}\sum_n \gamma_{nk} \, (\mathbf{x}_n - \boldsymbol{\mu}_k)_i (\mathbf{x}_n - \boldsymbol{\mu}_k)_j$.

# %% slide="skip"
def m_step_vectorized(X, responsibilities):
    """M-step without a Python loop over the components; returns phi (K,), mu (K, d), sigma (K, d, d)."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_m_step(m_step_vectorized)

# %% [markdown] tags=["solution-note"] slide="skip"
# ### 解答例
#
# 次の 2 つのセルは解答例である (折りたたまれている。クリックすると開く)。自分で解いてから開くこと。

# %% [markdown] lang="en" tags=["solution-note"]
# ### Worked solutions
#
# The next two cells are worked solutions (they are collapsed; click to open them). Solve the exercises yourself before you open them.

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/05_em_algorithm.py#em_fast

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/05_em_algorithm.py#m_step_vectorized

# %% [markdown] tags=["solution-note"] slide="skip"
# 演習 1 の解答では、ループに入る前に最初の E ステップを 1 回済ませておき、ループの中では
# 「M ステップ → 次の E ステップ」の順に進める。次の E ステップが返す対数尤度が、ちょうどこの反復の
# M ステップ後の対数尤度になっている。`gt.fit` もこの形で書かれている。

# %% [markdown] lang="en" tags=["solution-note"]
# In the solution to Exercise 1, the first E-step is done once before entering the loop, and inside the loop the order is
# "M-step → next E-step". The log-likelihood returned by the next E-step is exactly the log-likelihood after this iteration's
# M-step. `gt.fit` is written in this form too.

# %% [markdown] slide="subslide"
# 次は [06 アニメーション](06_animation.ipynb) である。反復の様子を動画にし、ウィジェットで 1 ステップずつ調べる。

# %% [markdown] lang="en"
# Next is [06 Animation](06_animation.ipynb), where we turn the iterations into a video and examine them one step at a time with widgets.
