# %% [markdown]
# # 05 EM アルゴリズム
#
# 03 章では E ステップ (負担率の計算) を, 04 章では M ステップ (負担率で重み付けした最尤推定) を
# それぞれ単独で書いた。本章ではこの 2 つを交互に繰り返すループを組み立て, 教科書の章が印字した推定結果を
# 最後の桁まで再現する。そのうえで, 対数尤度が反復ごとに決して減らない理由, 推定した成分の番号が
# 真の成分の番号と一致しない理由 (ラベルの入れ替わり), 初期値によって結果が変わること, を順に調べる。
#
# **この章で学ぶこと**
# - E ステップ → M ステップ → 対数尤度 → 収束判定 $|\Delta \ln p| < \mathrm{tol}$ という EM の反復の全体
# - `gt.fit` による教科書の結果の再現と, 教科書自身のコードとの照合
# - 対数尤度が単調に増加する理由 (下界 $\mathcal{L}(q, \theta)$ による説明)
# - ラベルの入れ替わりと, `gt.match_components` による成分の対応づけ
# - 初期値 (シード) の影響と局所最適解, 反復回数が足りないときの `ConvergenceWarning`
#
# **前提**: 03 章 (E ステップ, log-sum-exp) と 04 章 (M ステップ) の内容。01 章の教科書データ
# (`gt.textbook_data()`) と 02 章の多変量正規分布の式も用いる。

# %%
import numpy as np
import matplotlib.pyplot as plt
import gmm_teach as gt
gt.set_language("ja")

# %% [markdown]
# ## EM アルゴリズムの全体像
#
# パラメータを $\theta = (\phi, \mu, \Sigma)$ とする。EM アルゴリズムは初期値 $\theta^{(0)}$ から出発し,
# $t = 1, 2, \dots$ について次の 2 つのステップを繰り返す。
#
# **E ステップ**: 現在のパラメータ $\theta^{(t-1)}$ のもとで負担率を計算する。
# $$
# \gamma_{nk} = \frac{\phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}
#                    {\sum_{j=1}^{K} \phi_j \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_j, \Sigma_j)}
# $$
#
# **M ステップ**: 負担率を重みとする最尤推定でパラメータ $\theta^{(t)}$ を求める。
# $$
# N_k = \sum_{n=1}^{N} \gamma_{nk}, \qquad
# \phi_k = \frac{N_k}{N}, \qquad
# \boldsymbol{\mu}_k = \frac{1}{N_k} \sum_{n=1}^{N} \gamma_{nk} \mathbf{x}_n, \qquad
# \Sigma_k = \frac{1}{N_k} \sum_{n=1}^{N} \gamma_{nk} (\mathbf{x}_n - \boldsymbol{\mu}_k)(\mathbf{x}_n - \boldsymbol{\mu}_k)^\top
# $$
#
# 教科書のコードは, M ステップの後で新しいパラメータのもとでの対数尤度
# $$
# \ln p(X \mid \theta^{(t)}) = \sum_{n=1}^{N} \ln \sum_{k=1}^{K} \phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)
# $$
# を記録し, 直前の反復との差が $\mathrm{tol} = 10^{-5}$ 未満になったところで反復を打ち切る。
# 初期値は教科書と同じく, $\phi_k = 1/K$, $\boldsymbol{\mu}_k$ はデータから重複なしに選んだ $K$ 点,
# $\Sigma_k$ はすべてデータ全体の共分散行列とする。

# %% [markdown]
# ## ループを書く
#
# まず教科書のデータを読み込み, 教科書と同じ初期値を作る。教科書は `np.random.seed(11)` のあとで
# `np.random.choice` を呼ぶ。ここでは同じ乱数列を生む `np.random.RandomState(11)` を使い,
# numpy 全体の乱数の状態には触れないようにする。

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

# %% [markdown]
# 3 つの初期平均のうち, 成分 0 は原点付近の塊の点, 成分 1 と成分 2 はどちらも右上 $(3, 3)$ の塊の点から
# 出発する。この偶然の配置が後で効いてくるので覚えておくとよい。
#
# 次に, 03 章と 04 章で書いた E ステップと M ステップを短くまとめ直す。E ステップは対数のまま計算し
# (log-sum-exp), 負担率と同時に対数尤度 $\sum_n \ln \sum_k \phi_k \mathcal{N}(\mathbf{x}_n \mid \cdot)$ も返す。
# 対数尤度は負担率の正規化の分母の対数の和にほかならないので, ついでに求まるのである。

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


# %%
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
# どちらもパッケージの実装と一致した。これで部品がそろったので, EM のループを書く。
# 教科書の `EM_GMM` と同じく, 1 回の反復は E ステップ, M ステップ, 対数尤度の記録, 収束判定の 4 行からなる。

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

# %% [markdown]
# 教科書と同じく「Converged at iteration 57」が得られた。反復の番号 `iteration` は 0 から数えるので,
# 実際に行った反復は 58 回である。収束判定の `iteration > 0` は, 比べる相手 (1 つ前の対数尤度) が
# まだないときに判定を飛ばすためのものである。
#
# 混合係数 $\phi$ は真の値 $(0.3, 0.4, 0.3)$ に近いが, 並び順が違う。これについては後の節で扱う。

# %% [markdown]
# ## 教科書の結果を再現する
#
# パッケージの `gt.fit` は同じ反復を, コレスキー分解を使った安定な計算で行う。教科書と同じ条件
# (初期化 `"textbook"`, シード 11, 共分散行列の正則化なし `reg_covar=0.0`) で推定し, 教科書と同じ書式で
# 結果を印字する。`result.n_iter` は行った反復の回数 (58) なので, 教科書の番号はそれより 1 小さい。

# %%
result = gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)
print(f"Converged at iteration {result.n_iter - 1}")
print("Estimated mixing coefficients (phi):", result.params.phi)
print("Estimated means (mu):\n", result.params.mu)
print("Estimated covariances (sigma):\n", result.params.sigma)

# %% [markdown]
# 教科書の章の末尾に印字されている値と並べてみると, すべての数字が一致している。目で比べるだけでなく,
# 計算でも確かめておく。次のセルの配列は, 教科書の印字をそのまま書き写したものである。
# 印字は小数点以下 8 桁なので, 差が最後の桁の半分 $5 \times 10^{-9}$ 以内であれば, 印字される数字は同じになる。

# %%
phi_book = np.array([0.3103679, 0.30013538, 0.38949671])
mu_book = np.array([[0.08871446, 0.04564594], [-3.08442868, 3.07309071], [3.05915799, 3.15711097]])
sigma_book = np.array([[[1.01691342, 0.38486941], [0.38486941, 0.98651172]],
                       [[1.44451192, 0.28724678], [0.28724678, 0.91035083]],
                       [[1.09349783, -0.24274844], [-0.24274844, 1.27556857]]])
for name, ours, book in [("phi", result.params.phi, phi_book), ("mu", result.params.mu, mu_book),
                         ("sigma", result.params.sigma, sigma_book)]:
    print(f"{name:5s} agrees with the chapter to 5e-9:", np.allclose(ours, book, rtol=0, atol=5e-9))

# %% [markdown]
# さらに, 教科書のコードそのもの (`gt.textbook.em_gmm`: 描画部分だけを除いたもの) を走らせて比べる。
# 教科書のコードは密度を対数をとらずに計算し, 逆行列と行列式を直接求めるので, 計算の順序は
# `gt.fit` とも本章の `em` とも異なる。それでも差は浮動小数点の丸め誤差の程度に収まるはずである。

# %%
phi_t, mu_t, sigma_t, resp_t, lls_t, snapshots, last_iteration = gt.textbook.em_gmm(X, 3)
diff_params = max(np.abs(phi_t - result.params.phi).max(), np.abs(mu_t - result.params.mu).max(),
                  np.abs(sigma_t - result.params.sigma).max())
print("same last iteration:", last_iteration == result.n_iter - 1)
print("max |difference| in phi, mu, sigma below 1e-10:", diff_params < 1e-10)
print("relative difference in log-likelihoods below 1e-12:",
      np.abs(np.array(lls_t) / result.log_likelihoods - 1).max() < 1e-12)
print("our em() agrees with gt.fit:", gt.GMMParams(phi, mu, sigma).allclose(result.params))

# %% [markdown]
# 3 つの実装 (教科書のコード, 本章の `em`, `gt.fit`) は同じ反復で止まり, 同じ推定値を与える。
# 以後はパッケージの `result` を使う。`result.history[t]` は反復 $t$ の後のパラメータ
# (`history[0]` は初期値), `result.log_likelihoods[t-1]` は反復 $t$ の後の対数尤度である。

# %% [markdown]
# ## 対数尤度の推移
#
# 対数尤度を反復ごとに描く。左は対数尤度そのもの ($t = 0$ は初期値での値), 右は 1 反復あたりの増加量
# $\Delta_t = \ln p(X \mid \theta^{(t)}) - \ln p(X \mid \theta^{(t-1)})$ を対数目盛で描き,
# 収束判定の閾値 $\mathrm{tol} = 10^{-5}$ を破線で示したものである。

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

# %% [markdown]
# 左の図の対数尤度は, 最初の数回の反復で初期値の $-4755$ 付近から一気に $-4200$ 付近まで上がり, そこで
# 20 回ほどほとんど動かない「台地」に入る。反復 30 を過ぎると再び急に上がり, $-3937$ 付近で落ち着く。
# 右の図では, 台地の間の増加量は 0.15 程度まで下がるが 0 にはならず, 反復 33 付近で再び山を作る。
# 最後の 20 回ほどは, 増加量が対数目盛でほぼ直線に沿って減り, 閾値を下回ったところで止まる。
#
# 台地の間に何が起きているかは, パラメータの履歴 `result.history` を見ればわかる。

# %%
for t in [0, 5, 20, 30, 40, result.n_iter]:
    print(f"t = {t:2d}  mu_1 = {result.history[t].mu[1].round(2)}  mu_2 = {result.history[t].mu[2].round(2)}")

# %% [markdown]
# 右上の塊から出発した成分 1 と成分 2 は, 5 回の反復で 2 つとも上側の 2 つの塊の中間 ($x_1 \approx 0.5$) に
# 寄り, それぞれが左上と右上の両方の塊を半分ずつ受け持つ状態になる。この状態では 2 つの成分をどちらへ
# 動かしても対数尤度はわずかしか増えないので, 2 つの成分はゆっくりとしか離れていかない。反復 30 の頃に
# 成分 1 が左, 成分 2 が右へはっきり分かれると, 対数尤度は急に増える。
#
# 台地は収束判定にとって落とし穴である。tol を大きくとると, EM は台地の上で「収束した」と判断してしまう。

# %%
for tol in [1e-5, 0.2]:
    r = gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0, tol=tol)
    print(f"tol = {tol:g}: stopped after {r.n_iter} iterations, log-likelihood {r.log_likelihoods[-1]:.2f}")

# %% [markdown]
# tol = 0.2 では 10 回の反復で止まり, 対数尤度は本来の値より 260 以上低い。台地の上の増加量 (0.15 程度) が
# tol を下回ったからである。増加量が小さいことは, 最大値に近いことを意味しない。
#
# 最後に, 対数尤度が一度も減っていないこと, 終盤の増加量の比率, 最後の増加量が tol を下回ったことを確かめる。

# %%
print("never decreases:", bool(np.all(increase >= 0)))
print(f"total increase from the initial parameters: {result.log_likelihoods[-1] - ll_init:.2f}")
print(f"ratio Delta_t / Delta_(t-1) over the last 10 iterations: {np.median(increase[-10:] / increase[-11:-1]):.2f}")
print(f"last increase below tol: {increase[-1] < 1e-5}")

# %% [markdown]
# 終盤の増加量は 1 反復ごとにおよそ 0.55 倍になる。増加量が毎回ほぼ一定の比率で小さくなるので,
# 対数目盛では直線に見えるのである (1 次収束)。この比率が 1 に近いほど収束は遅い。
# 成分どうしの重なりが大きいデータほど比率は 1 に近づき, EM は多くの反復を要する。
#
# **なぜ対数尤度は減らないのか。** 04 章では, E ステップで対数尤度に接する下界 $\mathcal{L}$ を作り,
# M ステップでそれを持ち上げる様子を図で見た。ここではその議論を式で整理する。各点の潜在変数 $z_n$ についての任意の分布 $q_{nk} \ge 0$
# ($\sum_k q_{nk} = 1$) に対し, 対数尤度は次のように 2 つの項に分解できる。
# $$
# \ln p(X \mid \theta) = \underbrace{\sum_{n}\sum_{k} q_{nk} \ln \frac{\phi_k \, \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)}{q_{nk}}}_{\mathcal{L}(q, \theta)}
# \; + \; \underbrace{\sum_{n}\sum_{k} q_{nk} \ln \frac{q_{nk}}{p(z_n = k \mid \mathbf{x}_n, \theta)}}_{\mathrm{KL}(q \,\|\, p(Z \mid X, \theta)) \;\ge\; 0}
# $$
# KL ダイバージェンスは非負なので, $\mathcal{L}(q, \theta)$ は対数尤度の下界である。
#
# 1. E ステップは $q_{nk} = \gamma_{nk} = p(z_n = k \mid \mathbf{x}_n, \theta^{(t-1)})$ とおく。このとき KL は 0 になり,
#    下界は対数尤度に接する: $\mathcal{L}(q, \theta^{(t-1)}) = \ln p(X \mid \theta^{(t-1)})$。
# 2. M ステップは $q$ を固定して $\mathcal{L}(q, \theta)$ を $\theta$ について最大化する
#    (04 章で導いた $N_k, \phi_k, \boldsymbol{\mu}_k, \Sigma_k$ の式がその最大化の解である)。
#    よって $\mathcal{L}(q, \theta^{(t)}) \ge \mathcal{L}(q, \theta^{(t-1)})$。
# 3. 新しい $\theta^{(t)}$ では KL はふたたび 0 以上になるから,
#    $$\ln p(X \mid \theta^{(t)}) = \mathcal{L}(q, \theta^{(t)}) + \mathrm{KL} \ge \mathcal{L}(q, \theta^{(t)}) \ge \mathcal{L}(q, \theta^{(t-1)}) = \ln p(X \mid \theta^{(t-1)})$$
#
# したがって, 計算が正しければ対数尤度は反復ごとに決して減らない。逆に, 自分で書いた EM で対数尤度が
# 減ったら, どこかに誤りがあると考えてよい (演習の採点関数もこの性質を手がかりにしている)。
#
# 一方で, 止まった点が対数尤度の**最大値**である保証はない。$\Delta_t < \mathrm{tol}$ は「いまはほとんど
# 増えていない」ことしか意味しない (上の台地の例)。また教科書の判定は差の絶対値で行うので, データ点の数 $N$ が 2 倍になれば
# 対数尤度も増加量もおよそ 2 倍になり, 同じ tol でも実質的に厳しい判定になる (scikit-learn は 1 点あたりの
# 平均対数尤度で判定する)。

# %% [markdown]
# ## 推定値と真の値 ── ラベルの入れ替わり
#
# 推定した混合係数は $(0.310, 0.300, 0.389)$, 真の値は $(0.3, 0.4, 0.3)$ であった。値の組はよく似ているが,
# 2 番目と 3 番目が入れ替わっている。推定した成分と真の成分を同じ図に描き, 番号を書き込んでみる。

# %%
truth = gt.TEXTBOOK_TRUTH
fig, ax = plt.subplots(figsize=(5.5, 5.5))
gt.plot.draw_points(ax, X, result.responsibilities)
gt.plot.draw_ellipses(ax, result.params, radii=(1, 2))
gt.plot.draw_ellipses(ax, truth, radii=(2,), colors=[gt.plot.TRUTH_COLOR] * 3, linestyle="--")
gt.plot.draw_means(ax, result.params)
for k in range(3):
    box = dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none", alpha=0.85)
    ax.annotate(f"est. {k}", result.params.mu[k], xytext=(6, 6), textcoords="offset points", fontsize=11,
                color=gt.plot.component_colors(3)[k], bbox=box)
    ax.annotate(f"true {k}", truth.mu[k], xytext=(6, -20), textcoords="offset points", fontsize=11, bbox=box)
ax.set(title="Estimated (solid) and true (dashed) components", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
plt.show()

# %% [markdown]
# 原点の塊では推定の成分 0 と真の成分 0 が重なっているが, 右上 $(3, 3)$ の塊は推定の成分 2 と真の成分 1,
# 左上 $(-3, 3)$ の塊は推定の成分 1 と真の成分 2 である。これが**ラベルの入れ替わり** (label switching) である。
#
# 入れ替わりは誤りではない。混合分布の密度
# $p(\mathbf{x}) = \sum_k \phi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$ は和なので,
# 成分の番号を付け替えても ($\phi, \mu, \Sigma$ を同じ順列で並べ替えても) 値は変わらない。
# したがって尤度の最大点は $K! = 6$ 個の「番号だけ違う」点として現れ, どれに行き着くかは初期値で決まる。
# 番号は単なる名札であり, データはどの名札がどの塊に付くかについて何も教えてくれない。
#
# 本章の初期値では成分 1 と 2 がどちらも右上の塊から出発した。前節で見たとおり, 反復の途中で成分 1 が
# 左上の塊へ移動し, その結果として番号が入れ替わったのである (この動きは 06 章のアニメーションで見られる)。
#
# 推定値を真の値と比べるには, まず成分の対応をとる必要がある。`gt.match_components(estimated, truth)` は,
# 対応する平均どうしの距離の 2 乗の和が最小になる並べ替え `order` を返す。`order[k]` が真の成分 $k$ に
# 対応する推定の成分の番号である。

# %%
order = gt.match_components(result.params, truth)
aligned = result.params.permute(order)
print("order:", order)
print(f"{'k':>2} {'phi true':>9} {'phi est.':>9}   {'mu true':>14}   {'mu est.':>16}")
for k in range(3):
    print(f"{k:>2} {truth.phi[k]:9.3f} {aligned.phi[k]:9.3f}   {str(truth.mu[k].round(3)):>14}   "
          f"{str(aligned.mu[k].round(3)):>16}")
print("likelihood unchanged by the permutation:",
      np.isclose(gt.log_likelihood(X, aligned), gt.log_likelihood(X, result.params)))

# %% [markdown]
# `order = [0 2 1]` は「真の成分 1 には推定の成分 2 が, 真の成分 2 には推定の成分 1 が対応する」ことを表す。
# 並べ替えた後では, 混合係数も平均も真の値とよく一致している。混合係数の推定値が 0.3 と 0.4 から
# 少しずれるのは, 成分の重なった部分の点を両方の成分が分け合うためであり, 1000 点という有限の標本による
# ゆらぎもある。並べ替えても対数尤度が変わらないことも確かめられた。共分散行列も同様に比べられる。

# %%
print("true sigma (aligned order):\n", truth.sigma.round(2))
print("estimated sigma (aligned order):\n", aligned.sigma.round(2))

# %% [markdown]
# 対角成分 (各座標の分散) も非対角成分 (共分散) も, 符号と大きさがよく合っている。ずれは最大で 0.2 程度である。
# 300〜400 点から分散 $\sigma^2$ を推定するときの標準誤差はおよそ $\sigma^2 \sqrt{2 / N_k} \approx 0.1$ なので,
# このずれは EM の誤りではなく, 有限の標本によるゆらぎとして説明できる大きさである。

# %% [markdown]
# ## 初期値の影響
#
# EM が行き着く先は初期値で決まる。教科書の初期化のシードを 0 から 19 まで変えて 20 回推定し,
# 最終的な対数尤度と反復回数を調べる。

# %%
seeds = np.arange(20)
runs = [gt.fit(X, 3, init="textbook", seed=int(s), reg_covar=0.0) for s in seeds]
final_ll = np.array([r.log_likelihoods[-1] for r in runs])
n_iters = np.array([r.n_iter for r in runs])
print("distinct final log-likelihoods (2 decimals):", np.unique(final_ll.round(2)))
print("iterations: min", n_iters.min(), "max", n_iters.max(), "median", np.median(n_iters))

# %%
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8))
for r in runs:
    ax1.plot(np.arange(1, r.n_iter + 1), r.log_likelihoods, linewidth=1, alpha=0.7)
ax1.set(title="Log-likelihood for seeds 0-19", xlabel="Iteration $t$", ylabel="Log-likelihood", ylim=(-4400, -3900))
ax2.bar(seeds, n_iters, color="0.5")
ax2.set(title="Iterations until convergence", xlabel="Seed", ylabel="Number of iterations", xticks=seeds[::2])
plt.show()

# %% [markdown]
# 20 個のシードはすべて同じ対数尤度 $-3936.64$ に到達した (成分の番号の付き方はシードごとに違う)。
# 道のりはさまざまで, 左の図では途中で長く平らになってから再び上昇する曲線が見える。
# これはシード 11 で見た台地と同じく, 2 つの成分が複数の塊を分け合った状態がしばらく続き,
# やがて両者が別々の塊へ分かれる場合である。
# 反復回数は右の図のように 2 倍以上ばらつく。
#
# では, いつも同じ答えに行き着くのかというと, そうではない。シードを 20 以降にも広げ,
# 最良の値より 1 以上低い対数尤度で止まるシードを探す (反復の上限は 1000 に広げておく)。

# %%
best_ll = final_ll.max()
for seed in range(20, 200):
    bad = gt.fit(X, 3, init="textbook", seed=seed, reg_covar=0.0, max_iter=1000)
    if bad.log_likelihoods[-1] < best_ll - 1:
        break
print("seed:", seed, "converged:", bad.converged, "iterations:", bad.n_iter)
print(f"final log-likelihood: {bad.log_likelihoods[-1]:.2f} (best: {best_ll:.2f})")
print("phi:", bad.params.phi.round(3))

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 5))
for ax, r, name in [(axes[0], result, "seed 11"), (axes[1], bad, f"seed {seed}")]:
    gt.plot.draw_points(ax, X, r.responsibilities)
    gt.plot.draw_ellipses(ax, r.params, radii=(1, 2))
    gt.plot.draw_means(ax, r.params)
    ax.set(title=f"{name}: log-likelihood {r.log_likelihoods[-1]:.1f}", xlabel="$x_1$", ylabel="$x_2$",
           aspect="equal")
plt.show()

# %% [markdown]
# 右の図が**局所最適解**である。左上の塊を 2 つの成分が分け合い, 残る 1 つの成分が原点と右上の 2 つの塊を
# まとめて 1 つの大きな楕円で覆っている。この点は対数尤度の極大点であり, パラメータを少し動かすと
# どの方向にも対数尤度が下がる。左上の成分の 1 つを原点の塊へ移せばずっと良い解になるが, その途中で
# 対数尤度がいったん下がるので, 対数尤度を決して減らさない EM にはその谷を越えられない。
# それでも収束判定は満たされ, `converged` は True になる。収束したことは, 良い解であることを意味しない。
#
# 実用上は, 異なる初期値で何度か推定し, 最も対数尤度の高い結果を採用する (scikit-learn の `n_init`)。
# また k-means++ のように初期平均を互いに離して選ぶ初期化 (`init="kmeans++"`) は, こうした失敗を減らす。

# %% [markdown]
# ## 反復回数が足りないとき
#
# `max_iter` (教科書の `num_iters`) に達しても収束判定が満たされなければ, `gt.fit` は
# `gt.ConvergenceWarning` という警告を出し, そこまでの結果を返す。警告を捕まえて内容を表示してみる。

# %%
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    short = gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0, max_iter=10)
for w in caught:
    print(w.category.__name__ + ":", w.message)
print("converged:", short.converged, "| iterations:", short.n_iter)
print(f"log-likelihood after 10 iterations: {short.log_likelihoods[-1]:.2f} (converged run: {result.log_likelihoods[-1]:.2f})")

# %% [markdown]
# 10 回の反復では, EM はまだ前節の台地の上にいる。対数尤度は最終値より 260 以上低く, 最後の変化量
# (メッセージの last change) も tol よりはるかに大きい。
# 教科書のコードはこの場合に何も表示しないまま, 途中の結果を返す。警告が出たら `max_iter` を増やすか,
# 初期値を見直すとよい。プログラムの中では警告の有無ではなく `result.converged` を調べるのが確実である。

# %% [markdown]
# ## まとめ
#
# - EM の 1 回の反復は, E ステップ (負担率), M ステップ (重み付き最尤推定), 対数尤度の記録, 収束判定
#   $|\Delta| < \mathrm{tol}$ の 4 行で書ける。
# - `gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)` は教科書の結果 (反復 57 で収束,
#   $\phi = (0.3103679, 0.30013538, 0.38949671)$ など) を印字の最後の桁まで再現し, 教科書のコードとも
#   丸め誤差の範囲で一致する。
# - 対数尤度は反復ごとに決して減らない。E ステップが下界 $\mathcal{L}(q, \theta)$ を対数尤度に接させ,
#   M ステップがその下界を最大化するからである。ただし行き着く先が最大値である保証はない。
# - 成分の番号は名札にすぎず, 推定と真の値で一致するとは限らない (ラベルの入れ替わり)。
#   比べる前に `gt.match_components` で対応をとる。
# - 初期値によっては局所最適解に止まる。複数の初期値を試し, 対数尤度の最も高い結果を選ぶ。
#   `max_iter` が足りなければ `ConvergenceWarning` が出る。

# %% [markdown]
# ## 演習
#
# ### 演習 1: E ステップを 1 反復 1 回にする
#
# 本文の `em` は 1 回の反復で `e_step` を 2 回呼んでいる (負担率のためと, 対数尤度のため)。
# しかし M ステップの後に計算する対数尤度は, 次の反復の E ステップで負担率と一緒に求まる値と同じである。
# この点を利用し, 1 回の反復あたり `e_step` を 1 回だけ呼ぶ EM を書け。
#
# - 呼び出し方: `em_fast(X, phi, mu, sigma, n_iter)`。`X` (n, d), `phi` (K,), `mu` (K, d), `sigma` (K, d, d)。
# - 収束判定はせず, ちょうど `n_iter` 回反復する。
# - 返り値は `(phi, mu, sigma, log_likelihoods)`。`log_likelihoods` は各反復の M ステップ後の対数尤度を並べた
#   長さ `n_iter` の配列である。本文の `e_step` と `m_step` を使ってよい。
#
# 採点関数 `gt.checks.check_em` は, いくつかの初期値から `gt.fit` と同じ回数だけ反復した結果と比べる。

# %%
def em_fast(X, phi, mu, sigma, n_iter):
    """n_iter EM iterations with one e_step call each; returns phi, mu, sigma, log_likelihoods (n_iter,)."""
    # TODO
    return None


# %%
gt.checks.check_em(em_fast)

# %% [markdown]
# ### 演習 2: ループのない M ステップ
#
# 本文の `m_step` は $\Sigma_k$ を成分ごとの `for` ループで計算している。`np.einsum` を使って,
# `for` ループを使わずに $\phi, \mu, \Sigma$ を返す M ステップ `m_step_vectorized(X, responsibilities)` を書け。
# 返り値は `(phi, mu, sigma)` で, 形はそれぞれ (K,), (K, d), (K, d, d) である。
#
# ヒント: `diff = X[:, None, :] - mu[None, :, :]` は形 (n, K, d) の配列で, `diff[n, k]` が
# $\mathbf{x}_n - \boldsymbol{\mu}_k$ である。$\Sigma_k$ の $(i, j)$ 成分は
# $\frac{1}{N_k}\sum_n \gamma_{nk} \, (\mathbf{x}_n - \boldsymbol{\mu}_k)_i (\mathbf{x}_n - \boldsymbol{\mu}_k)_j$ である。

# %%
def m_step_vectorized(X, responsibilities):
    """M-step without a Python loop over the components; returns phi (K,), mu (K, d), sigma (K, d, d)."""
    # TODO
    return None


# %%
gt.checks.check_m_step(m_step_vectorized)

# %% [markdown]
# ### 解答例
#
# 次の 2 つのセルは解答例である (折りたたまれている。クリックすると開く)。自分で解いてから開くこと。

# %% [solution]
def em_fast(X, phi, mu, sigma, n_iter):
    """n_iter EM iterations with one e_step call each; returns phi, mu, sigma, log_likelihoods (n_iter,)."""
    log_likelihoods = []
    responsibilities, _ = e_step(X, phi, mu, sigma)  # E-step of the first iteration
    for _ in range(n_iter):
        phi, mu, sigma = m_step(X, responsibilities)  # M-step
        responsibilities, ll = e_step(X, phi, mu, sigma)  # next E-step; ll is the log-likelihood after this M-step
        log_likelihoods.append(ll)
    return phi, mu, sigma, np.array(log_likelihoods)


gt.checks.check_em(em_fast)

# %% [solution]
def m_step_vectorized(X, responsibilities):
    """M-step without a Python loop over the components; returns phi (K,), mu (K, d), sigma (K, d, d)."""
    n = X.shape[0]
    N_k = responsibilities.sum(axis=0)  # (K,)
    phi = N_k / n
    mu = responsibilities.T @ X / N_k[:, None]  # (K, d)
    diff = X[:, None, :] - mu[None, :, :]  # (n, K, d)
    sigma = np.einsum("nk,nki,nkj->kij", responsibilities, diff, diff) / N_k[:, None, None]
    return phi, mu, sigma


gt.checks.check_m_step(m_step_vectorized)

# %% [markdown]
# 演習 1 の解答では, ループに入る前に最初の E ステップを 1 回済ませておき, ループの中では
# 「M ステップ → 次の E ステップ」の順に進める。次の E ステップが返す対数尤度が, ちょうどこの反復の
# M ステップ後の対数尤度になっている。`gt.fit` もこの形で書かれている。
#
# 次は [06 アニメーション](06_animation.ipynb) である。反復の様子を動画にし, ウィジェットで 1 ステップずつ調べる。
