# %% [markdown] slide="slide"
# # 08 EM がうまくいかないとき ── 局所最適解、特異点、ラベルの入れ替わり、k-means
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/08_where_em_fails.ipynb) (インストール不要。Google アカウントで実行できる)
#
# 07 章では、EM の対数尤度が決して減らないことを証明した。しかし「減らない」ことは「正しい答えに着く」ことを意味しない。
# 本章では EM がつまずく、あるいは学習者を戸惑わせる 4 つの場面を順に調べる。
# 初期値によって異なる局所最適解に止まること、1 つの成分が 1 点につぶれて対数尤度がいくらでも大きくなること (特異点)、
# 成分の番号が推定のたびに入れ替わること、そして分散を 0 に近づけた EM が k-means になることである。
#
# **この章で学ぶこと**
# - 初期値 (シード) によって EM の行き着く先が変わること。多数のシードでの最終的な対数尤度の分布、
#   初期化 `"random"`、`"textbook"`、`"kmeans++"` の比較、複数回の再スタートで最良の結果を選ぶ方法
# - 成分が 1 点につぶれると対数尤度が上限なく増えること (特異点)、`gt.ComponentCollapseError` と `reg_covar` の役割
# - 尤度が成分の並べ替えについて対称であること (ラベルの入れ替わり)、`gt.match_components` による対応づけ
# - 混合係数を等しく、共分散行列を共通の $\sigma^2 I$ として $\sigma \to 0$ とすると、EM が k-means になること
#
# **前提**: [05 EM アルゴリズム](05_em_algorithm.ipynb) (初期値の影響、局所最適解、ラベルの入れ替わり)、
# [07 EM はなぜうまくいくか](07_why_em_works.ipynb) (対数尤度の単調性)、[04 M ステップ](04_m_step.ipynb) の 7 節 (`reg_covar`)、
# [03 E ステップ](03_e_step.ipynb) (log-sum-exp)。

# %% [markdown] lang="en"
# # 08 Where EM fails: local optima, singularities, label switching, k-means
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/08_where_em_fails.ipynb) (nothing to install; runs with a Google account)
#
# In chapter 07 we proved that EM never lets the log-likelihood fall. But "never falls" does not mean "reaches the right
# answer". This chapter looks in turn at four situations in which EM stumbles, or surprises the learner: it stops at
# different local optima depending on where it starts; a component can collapse onto a single point and drive the
# log-likelihood as high as it likes (a singularity); the numbering of the components changes from one fit to the next;
# and EM with the variance pushed towards 0 turns into k-means.
#
# **What you will learn**
# - That where EM ends depends on the initialisation (the seed): the distribution of the final log-likelihood over many
#   seeds, the initialisations `"random"`, `"textbook"` and `"kmeans++"` compared, and keeping the best of several restarts
# - That the log-likelihood grows without bound when a component collapses onto one point (a singularity), and what
#   `gt.ComponentCollapseError` and `reg_covar` do about it
# - That the likelihood is symmetric under reordering the components (label switching), and how `gt.match_components`
#   pairs them up
# - That with equal weights and a shared covariance $\sigma^2 I$, EM becomes k-means as $\sigma \to 0$
#
# **Prerequisites**: [05 The EM algorithm](05_em_algorithm.ipynb) (the effect of the initialisation, local optima, label
# switching), [07 Why EM works](07_why_em_works.ipynb) (the log-likelihood never falls), Section 7 of
# [04 The M-step](04_m_step.ipynb) (`reg_covar`), [03 The E-step](03_e_step.ipynb) (log-sum-exp).

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
# ## 1. 初期値と局所最適解
#
# 05 章では、教科書のデータでシードを 0 から順に試し、シード 48 でようやく局所最適解に出会った。3 つのクラスタがよく離れた
# 教科書のデータは、EM にとって易しい問題なのである。ここでは少し難しいデータを作る。5 つの同じ形のクラスタを下の段に 3 つ、
# 上の段に 2 つ並べ、500 点を引く。
#
# なお、コード・図・出力では Python に合わせて成分を 0 から数え (成分 0、1、…)、本文でもその番号で「成分 0」と呼ぶ。
# 式では $k = 1, \dots, K$ と数えるので、コードの成分 0 が式の $k = 1$ に当たる (一般にコードの成分 $j$ は式の $k = j + 1$ である)。データ点も同様に、コードでは点 0 から数える。

# %% [markdown] lang="en"
# ## 1. Initialisation and local optima
#
# In chapter 05 we tried seed after seed on the textbook data and met a local optimum only at seed 48. With its three
# well-separated clusters, the textbook data is an easy problem for EM. Here we make a harder one: five clusters of the
# same shape, three in a bottom row and two in a top row, and 500 points drawn from them.
#
# Code, figures and printed output count components from 0, as Python does, and the text uses the same numbers ("component 0").
# The formulas count $k = 1, \dots, K$, so the code's component 0 is the formulas' $k = 1$ (in general, component $j$ of the code is $k = j + 1$). Data points, too, are numbered from point 0 in the code.

# %%
truth5 = gt.from_components([0.2] * 5, [[0, 0], [4, 0], [8, 0], [2, 3.5], [6, 3.5]], [[0.8, 0.8]] * 5, [0.0] * 5)
X5, z5 = gt.sample(truth5, 500, seed=1)
fig, ax = plt.subplots(figsize=(6.5, 3.8))
gt.plot.draw_points(ax, X5, np.eye(5)[z5])
gt.plot.draw_ellipses(ax, truth5, radii=(2,), colors=[gt.plot.TRUTH_COLOR] * 5, linestyle="--")
ax.set(title="Five clusters, 500 points (dashed: the truth, r = 2)", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
plt.show()

# %% [markdown] slide="subslide"
# 点の色は、その点を生んだ真の成分である。この 500 点に $K = 5$ の GMM を、3 つの初期化それぞれについてシード 0 から 19 の
# 20 通りで推定する。05 章で見たとおり、`"textbook"` は平均にデータ点を無作為に 5 つ選び、`"kmeans++"` は互いに離れた点を選びやすくする。
# `"random"` は負担率を一様乱数で作ってから M ステップを 1 回行うので、5 つの平均はどれもデータ全体の平均の近くから出発する。
# 計算を短くするため、収束判定の閾値を `tol=1e-3` とする (500 点なので 1 点あたり $2 \times 10^{-6}$ である)。

# %% [markdown] lang="en"
# The colour of each point is the true component that generated it. We fit a $K = 5$ GMM to these 500 points with each
# of the three initialisations and the 20 seeds 0 to 19. As in chapter 05, `"textbook"` picks five data points at random
# as the means, and `"kmeans++"` favours points far from each other. `"random"` draws the responsibilities uniformly at
# random and runs one M-step, so all five means start near the mean of the whole data set. To keep the computation short
# we stop at `tol=1e-3` (with 500 points, $2 \times 10^{-6}$ per point).

# %%
inits = ["random", "textbook", "kmeans++"]
runs = {init: [gt.fit(X5, 5, init=init, seed=s, tol=1e-3, max_iter=1000) for s in range(20)] for init in inits}
final = {init: np.array([r.log_likelihoods[-1] for r in runs[init]]) for init in inits}
best = max(f.max() for f in final.values())
for init in inits:
    n_iter = [r.n_iter for r in runs[init]]
    print(f"{init:9s}: best {final[init].max():.1f}, reached by {np.sum(final[init] > best - 1):2d} of 20 seeds, "
          f"median iterations {np.median(n_iter):.0f}")

# %% slide="subslide"
fig, axes = plt.subplots(3, 1, figsize=(7, 5.5), sharex=True, layout="constrained")
bins = np.linspace(best - 81, best + 1, 42)  # the best value in the middle of the last bin
for ax, init, color in zip(axes, inits, ["C1", "C2", "C0"]):
    ax.hist(final[init], bins=bins, color=color)
    ax.axvline(best, color="black", linestyle="--", linewidth=1)
    ax.set(title=f'init="{init}"', ylabel="seeds")
axes[-1].set_xlabel("final log-likelihood (dashed: the best of all 60 runs)")
fig.suptitle("Final log-likelihood of 20 seeds per initialisation")
plt.show()

# %% [markdown] slide="subslide"
# `"random"` と `"textbook"` のヒストグラムは最良の値 (破線) に高い山を持つが、その左にも離れた山がある。左の山の 1 つ 1 つが
# 局所最適解であり、EM はそこで収束判定を満たして止まっている。20 回のうち `"random"` は 10 回、`"textbook"` は 7 回が
# 局所最適解に止まった。`"kmeans++"` は 20 回すべてが最良の解に着いた。`"random"` は反復回数も多い。
# すべての平均がデータ全体の中心付近から出発するので、成分どうしが分かれるまでに時間がかかるのである (3 節でその理由を見る)。
#
# 局所最適解がどのような状態かを、最良の結果と並べて見る。`"random"` で最も多く現れた局所最適解を選ぶ。

# %% [markdown] lang="en"
# The histograms of `"random"` and `"textbook"` have a tall peak at the best value (dashed), but there are separate peaks to
# its left too. Each of those peaks is a local optimum, where EM met its convergence test and stopped. Of the 20 runs,
# 10 with `"random"` and 7 with `"textbook"` stopped at a local optimum; all 20 with `"kmeans++"` reached the best
# solution. `"random"` also needs more iterations: all its means start near the centre of the data, so the components take
# a while to move apart (Section 3 shows why).
#
# To see what a local optimum looks like, we put it beside the best result. We take the local optimum that `"random"`
# reached most often.

# %%
values, counts = np.unique(final["random"].round(1), return_counts=True)
common = values[np.argmax(np.where(values < best - 1, counts, 0))]  # the most frequent value below the best
local = runs["random"][int(np.flatnonzero(final["random"].round(1) == common)[0])]  # its first seed
top = runs["kmeans++"][int(np.flatnonzero(final["kmeans++"] > best - 1)[0])]  # the first seed reaching the best
fig, axes = plt.subplots(1, 2, figsize=(11, 3.9), layout="constrained")
for ax, r, name in [(axes[0], top, "best"), (axes[1], local, "a local optimum")]:
    gt.plot.draw_points(ax, X5, r.responsibilities)
    gt.plot.draw_ellipses(ax, r.params, radii=(1, 2))
    gt.plot.draw_means(ax, r.params)
    ax.set(title=f"{name}: log-likelihood {r.log_likelihoods[-1]:.1f}", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
plt.show()

# %% [markdown] slide="subslide"
# 左の最良の解では、5 つの成分が 5 つのクラスタに 1 つずつ対応している。右の局所最適解では、上の段の 2 つのクラスタ (緑) と
# 下の段の左の 2 つのクラスタ (水色) をそれぞれ 1 つの成分が横長の大きな楕円でまとめて覆い、余った 2 つの成分 (ピンクと青) は
# クラスタとクラスタの間に斜めに細長く伸びて、境目の点を拾っている。この状態から良い解へ移るには、大きな楕円を 2 つに割り、
# 細長い成分をクラスタの中心へ動かさなければならないが、その途中で対数尤度がいったん下がる。07 章で見たとおり EM の対数尤度は決して下がらないので、
# EM はこの谷を越えられない。
#
# 実用上の対策は、初期値を変えて何度か推定し、最終的な対数尤度が最も大きい結果を選ぶことである (scikit-learn の `n_init`)。
# 1 回の推定が最良の解に着く確率を $p$ とすると、$m$ 回の再スタートのうち少なくとも 1 回が着く確率は $1 - (1 - p)^m$ である。
# 上の 20 回から $p$ を見積もって計算する。

# %% [markdown] lang="en"
# In the best solution on the left, the five components match the five clusters one to one. In the local optimum on the
# right, one component covers the two clusters of the top row (green) with a wide ellipse, another does the same for the
# two left clusters of the bottom row (light blue), and the two components left over (pink and blue) stretch diagonally
# between clusters, picking up the points on the borders. To get from here to the good solution, the large ellipses would
# have to split in two and the thin components move to the centres of clusters, and on the way the log-likelihood would
# first have to drop. As chapter 07 showed, EM never lets the log-likelihood drop, so it
# cannot cross that valley.
#
# The practical remedy is to fit several times from different initialisations and keep the result with the largest final
# log-likelihood (scikit-learn's `n_init`). If one fit reaches the best solution with probability $p$, then at least one of
# $m$ restarts reaches it with probability $1 - (1 - p)^m$. We estimate $p$ from the 20 runs above.

# %%
for init in inits:
    p = np.mean(final[init] > best - 1)  # share of the 20 seeds that reached the best solution
    chances = ", ".join(f"m = {m}: {1 - (1 - p) ** m:.3f}" for m in (1, 3, 10))
    print(f"{init:9s}: p = {p:.2f}   best of m restarts reaches the best solution: {chances}")

# %% [markdown]
# $p = 0.5$ の `"random"` でも、10 回再スタートすれば最良の解を逃す確率は $0.5^{10} \approx 10^{-3}$ まで下がる。初期化を工夫する (`"kmeans++"`) ことと、
# 再スタートを重ねることは、どちらも局所最適解への有効な対策であり、併用するのが普通である。
# ただし、再スタートの中で最も対数尤度が大きい結果を選ぶという方法には落とし穴がある。それが次の節の話題である
# (演習 1 で、再スタートの関数をこの落とし穴に気をつけて書く)。

# %% [markdown] lang="en"
# Even with `"random"` at $p = 0.5$, ten restarts bring the chance of missing the best solution down to $0.5^{10} \approx 10^{-3}$. A better
# initialisation (`"kmeans++"`) and more restarts are both effective against local optima, and they are usually combined.
# Choosing the restart with the largest log-likelihood has a trap, though, and that is the subject of the next section
# (in exercise 1 you write a restart function that avoids it).

# %% [markdown] slide="slide"
# ## 2. 特異点: 対数尤度はいくらでも大きくなる
#
# 04 章の 7 節で、1 点だけを負担する成分の共分散行列が特異になることを見た。ここではその結果を対数尤度の側から見る。
# 教科書のデータに 3 成分の GMM を推定し (05 章と同じ `gt.fit`)、そこに 4 つ目の成分 (成分 3) を加える。
# 成分 3 の平均はデータ点 0 (`X[0]`、以下 $\mathbf{x}$ と書く) そのもの、共分散行列は $\sigma^2 I$、混合係数は $w = 0.01$ とする
# (他の成分の混合係数は $1 - w = 0.99$ 倍にする)。点 $\mathbf{x}$ でのこの成分の対数密度は
#
# $$
# \ln \mathcal{N}(\mathbf{x} \mid \mathbf{x}, \sigma^2 I) = -\ln (2\pi\sigma^2) = -\ln 2\pi - 2 \ln \sigma
# $$
#
# であり、$\sigma \to 0$ で $+\infty$ に発散する。$\sigma$ を $10^{0.5}$ から $10^{-10}$ まで小さくしながら、混合分布全体の対数尤度を計算する。

# %% [markdown] lang="en"
# ## 2. Singularities: the log-likelihood can grow without bound
#
# In Section 7 of chapter 04 we saw that a component that takes on a single point gets a singular covariance matrix. Here
# we look at the consequence from the side of the log-likelihood. We fit a three-component GMM to the textbook data (the
# same `gt.fit` as in chapter 05) and add a fourth component (component 3) to it, with its mean on the data point
# point 0 itself (`X[0]`, written $\mathbf{x}$ below), covariance $\sigma^2 I$ and weight $w = 0.01$ (the other weights are multiplied by $1 - w = 0.99$). At $\mathbf{x}$
# the log density of this component is
#
# $$
# \ln \mathcal{N}(\mathbf{x} \mid \mathbf{x}, \sigma^2 I) = -\ln (2\pi\sigma^2) = -\ln 2\pi - 2 \ln \sigma ,
# $$
#
# which goes to $+\infty$ as $\sigma \to 0$. We shrink $\sigma$ from $10^{0.5}$ to $10^{-10}$ and compute the log-likelihood
# of the whole mixture.

# %% slide="subslide"
X = gt.textbook_data()
result = gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)


def with_spike(params, point, s, weight=0.01):
    """params plus one component: mean `point`, covariance s^2 I, weight `weight` (the others scaled by 1 - weight)."""
    return gt.GMMParams(np.append((1 - weight) * params.phi, weight), np.vstack([params.mu, point]),
                        np.concatenate([params.sigma, [s**2 * np.eye(2)]]))


sigmas = np.logspace(0.5, -10, 64)
spiked = np.array([gt.log_likelihood(X, with_spike(result.params, X[0], s)) for s in sigmas])
base = result.log_likelihoods[-1]
fig, ax = plt.subplots(figsize=(7, 4.2))
ax.plot(np.log10(sigmas), spiked, label="3 components + a spike on point 0")
ax.axhline(base, color="black", linestyle="--", label="the EM fit with 3 components")
ax.set(title="A component shrinking onto one data point", ylabel="log-likelihood",
       xlabel=r"$\log_{10} \sigma$ of the spike ($\sigma$ shrinks to the left)")
ax.legend()
plt.show()
print(f"log-likelihood of the 3-component fit: {base:.2f}")
for s in [1e-2, 1e-5, 1e-10]:
    print(f"sigma = {s:.0e}: log-likelihood {gt.log_likelihood(X, with_spike(result.params, X[0], s)):.2f}")
print(f"rise per factor 10 in sigma at the small end: {spiked[-1] - spiked[-7]:.3f}   (2 ln 10 = {2 * np.log(10):.3f})")

# %% [markdown] slide="subslide"
# 横軸は $\log_{10} \sigma$ であり、$\sigma$ は左へ行くほど小さい (2 節の最後のウィジェットの右の図と同じ向きである)。
# $\sigma$ が 0.01 より大きいうちは、対数尤度は EM の推定値 (破線) を上回らない。成分 3 は混合係数を 1 % 奪うが、
# 他の 3 成分より上手に説明できる点がほとんどないからである。ところが $\sigma$ が 0.01 を下回ると点 0 での密度が効きはじめ、対数尤度は $10^{-3}$ 付近で破線を越えて、その後は
# $\sigma$ が 1 桁小さくなるごとにちょうど $2 \ln 10 \approx 4.61$ ずつ増え続ける。上限はない。他の 999 点は残りの 3 成分が
# 説明し続けるので、成分 3 が 1 点に張りつくことの代償は混合係数の 1 % ぶん (1 点あたり $\ln 0.99$) しかないのである。
#
# つまり GMM の対数尤度には最大値がない。どんなデータでも、1 つの成分をデータ点に重ねて $\sigma \to 0$ とすれば
# 対数尤度はいくらでも大きくなる。EM の推定値は最大値ではなく、こうした特異点から離れたところにある「意味のある」極大点である。
# EM が特異点の近くに迷い込むと、07 章の単調性がかえって災いする。対数尤度を増やし続けるために、成分はどこまでも縮もうとする。
#
# 実際にそれが起こる例を作る。教科書のデータに、どのクラスタからも離れた外れ値 $(10, -5)$ を 1 点加え (点 1000)、
# クラスタの数より 1 つ多い $K = 4$ 成分を、k-means++ の初期化 (シード 4) で推定する。まず教科書と同じく `reg_covar=0` とする。

# %% [markdown] lang="en"
# The horizontal axis is $\log_{10} \sigma$, so $\sigma$ gets smaller to the left (as in the right panel of the widget at the end of
# this section). While $\sigma$ is above 0.01, the log-likelihood does not rise above that of the EM fit (dashed): component 3 takes 1 %
# of the weight, but there is hardly a point it explains better than the other three components. But once $\sigma$ drops below about 0.01, the density at
# point 0 takes over: the log-likelihood crosses the dashed line near $10^{-3}$ and from then on grows by exactly
# $2 \ln 10 \approx 4.61$ every time $\sigma$ shrinks by a factor of 10. There is no ceiling. The other 999 points are still
# explained by the three remaining components, so the only price for component 3 sitting on one point is the 1 % of weight it
# took ($\ln 0.99$ per point).
#
# So the log-likelihood of a GMM has no maximum. For any data, putting one component on a data point and letting
# $\sigma \to 0$ makes the log-likelihood as large as we like. What EM finds is not the maximum but a "meaningful" local
# maximum away from such singularities. If EM wanders close to a singularity, the monotonicity of chapter 07 works against
# us: to keep raising the log-likelihood, the component keeps shrinking.
#
# Here is an example where that happens. We add one outlier far from every cluster, $(10, -5)$, to the textbook data
# (point 1000), and fit $K = 4$ components, one more than there are clusters, with the k-means++ initialisation (seed 4).
# First with `reg_covar=0`, as the textbook does.

# %% slide="subslide"
X_out = np.vstack([X, [[10.0, -5.0]]])  # the textbook data and one outlier: point 1000
print("initial means (k-means++, seed 4):\n", gt.init_params(X_out, 4, init="kmeans++", seed=4).mu.round(2))
try:
    gt.fit(X_out, 4, init="kmeans++", seed=4, reg_covar=0.0)
except gt.ComponentCollapseError as err:
    print(f"{type(err).__name__}: {err}")
    collapsed = err.component
print("collapsed component:", collapsed)

# %% [markdown] slide="subslide"
# EM は反復 45 で `gt.ComponentCollapseError` を出して止まった (メッセージは他の Python ライブラリと同じく英語である)。
# 成分 0 の共分散行列が特異 (固有値が 0) になり、密度が計算できなくなったのである。しかも成分 0 の $N_k$ は 1、
# つまり成分 0 はちょうど 1 点だけを負担している。初期平均を見ると、外れ値はどの成分の出発点でもない。成分 0 は
# 左上のクラスタの近く $(-2.9, 1.28)$ から出発している。何が起きたのかを見るため、メッセージが勧めるとおり `reg_covar=1e-6` として
# 推定を最後まで進め、成分 0 の負担する点の数 $N_k$、最小の分散 (成分 0 の共分散行列の最小の固有値)、平均の道筋を反復ごとに追う。

# %% [markdown] lang="en"
# EM stopped at iteration 45 with `gt.ComponentCollapseError` (the message is in English, like that of any Python library):
# the covariance matrix of component 0 became singular (an eigenvalue of 0), so its density could no longer be computed.
# Moreover $N_k = 1$ for component 0: it takes on exactly one point. The initial means show that the outlier was nobody's
# starting point: component 0 started near the top-left cluster, at $(-2.9, 1.28)$. To see what happened, we let the fit
# run to the end with `reg_covar=1e-6`, as the message suggests, and follow component 0 over the iterations: the number
# of points it takes on, $N_k$, its smallest variance (the smallest eigenvalue of its covariance matrix) and the path of its mean.

# %%
fit4 = gt.fit(X_out, 4, init="kmeans++", seed=4, reg_covar=1e-6)
k = collapsed
N_k = np.array([p.phi[k] * len(X_out) for p in fit4.history])  # N_k after each iteration (t = 0: the start)
smallest = np.array([np.linalg.eigvalsh(p.sigma[k]).min() for p in fit4.history])
path = np.array([p.mu[k] for p in fit4.history])
fig, axes = plt.subplots(1, 3, figsize=(14, 4.2), layout="constrained")
gt.plot.draw_points(axes[0], X_out, fit4.responsibilities)
gt.plot.draw_ellipses(axes[0], fit4.params, radii=(1, 2))
axes[0].plot(path[:, 0], path[:, 1], "o-", color="black", markersize=2.5, linewidth=1, label=f"mean of component {k}")
axes[0].set(title=f"K = 4, reg_covar = 1e-6: the path of component {k}", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
axes[0].legend(loc="upper right")
axes[1].semilogy(N_k, "o-", markersize=3)
axes[1].set(title=f"Points taken on by component {k}", xlabel="Iteration $t$", ylabel="$N_k$ (log scale)")
axes[2].semilogy(smallest, "o-", markersize=3)
axes[2].axhline(1e-6, color="C3", linestyle="--", label="reg_covar = 1e-6")
axes[2].axvline(45, color="0.5", linestyle=":", label="reg_covar = 0 stops here")
axes[2].set(title=f"Smallest variance of component {k}", xlabel="Iteration $t$",
            ylabel="smallest eigenvalue (log scale)")
axes[2].legend()
plt.show()
print(f"converged: {fit4.converged} after {fit4.n_iter} iterations, log-likelihood {fit4.log_likelihoods[-1]:.2f}")
print(f"N_k at t = 0, 16, 32, 40, {fit4.n_iter}:", N_k[[0, 16, 32, 40, fit4.n_iter]].round(1))
print(f"final mean {fit4.params.mu[k].round(3)}, variances "
      f"{', '.join(f'{v:.2e}' for v in np.linalg.eigvalsh(fit4.params.sigma[k]))}")

# %% [markdown] slide="subslide"
# 成分 0 は、左上のクラスタをもう 1 つの成分 (成分 2、$(-1.29, 2.55)$ から出発) と奪い合い、負けていく。中央の図のとおり成分 0 の $N_k$ は
# 約 250 から反復 16 で 79、反復 32 で 14 と減り続ける。その間、外れ値は他のどの成分からも遠いので、負担率ほぼ 1 で成分 0 に
# 割り当てられたままである。成分 0 の平均は負担する点の重み付き平均なので、他の点の重みが減るにつれて外れ値の方へ
# 引き寄せられ、左の図の黒い道筋のように外れ値へ向かってまっすぐ進む。反復 40 を過ぎると成分 0 は外れ値だけを負担し ($N_k = 1$)、
# 1 点だけの共分散行列は 0 なので、右の図のとおり 0.7 前後にとどまっていた最小の分散が一気に落ちて `reg_covar` の $10^{-6}$ に張りつく。
# `reg_covar=0` の推定は、この落下の途中 (反復 45) で止まったのである。左の図の外れ値の上の楕円は、小さすぎて見えない。
#
# `reg_covar` は分散に下限を設けるので、外れ値での対数密度も $-\ln(2\pi \cdot \mathrm{reg\_covar})$ で頭打ちになり、対数尤度は有限にとどまる。
# しかし退化した成分が消えるわけではない。`reg_covar` を変えて比べ、同じデータに 3 成分で推定した結果も並べる。

# %% [markdown] lang="en"
# Component 0 fights over the top-left cluster with another component (component 2, which started at $(-1.29, 2.55)$) and
# loses. As the middle panel shows, its $N_k$ keeps falling, from about 250 to 79 by iteration 16 and 14 by iteration 32.
# All the while the outlier, far from every other component, stays with component 0 with responsibility close to 1.
# The mean of component 0 is the weighted mean of the points it takes on, so as the weights of the other points fade,
# it is pulled towards the outlier and heads straight for it (the black path on the left). After iteration 40
# component 0 takes on the outlier alone ($N_k = 1$), and the covariance matrix of a single point is 0: as the right panel
# shows, the smallest variance, which had stayed around 0.7, plunges and sticks at `reg_covar`, $10^{-6}$. The fit with
# `reg_covar=0` stopped in the middle of that plunge (iteration 45). The ellipses on the outlier in the left panel are too
# small to see.
#
# `reg_covar` puts a floor under the variances, so the log density at the outlier levels off at
# $-\ln(2\pi \cdot \mathrm{reg\_covar})$ and the log-likelihood stays finite. But the degenerate component does not go
# away. We compare several values of `reg_covar`, and a three-component fit to the same data beside them.

# %% slide="subslide"
lines = []
for reg in [1e-6, 1e-3, 1e-1]:
    r = gt.fit(X_out, 4, init="kmeans++", seed=4, reg_covar=reg)
    log_density = gt.log_pdf(X_out[-1:], r.params.mu[k], r.params.sigma[k])[0]  # at the outlier
    lines.append(f"K = 4, reg_covar = {reg:g}: component {k} holds {r.params.phi[k] * len(X_out):.2f} point(s), "
                 f"ln N(outlier | component {k}) = {log_density:6.2f}, log-likelihood {r.log_likelihoods[-1]:.2f}")
three = gt.fit(X_out, 3, init="textbook", seed=11, reg_covar=1e-6)
lines.append(f"K = 3, reg_covar = 1e-06: log-likelihood {three.log_likelihoods[-1]:.2f}")
print("\n".join(lines))

# %% [markdown] slide="subslide"
# どの `reg_covar` でも、成分 0 は外れ値 1 点を抱えたまま終わる。外れ値での対数密度は `reg_covar` が 10 倍になるごとに
# $\ln 10 \approx 2.3$ ずつ下がり ($10^{-6}$ から $10^{-3}$ で 6.91、$10^{-3}$ から $10^{-1}$ で 4.61)、対数尤度も下がる。
# 逆に `reg_covar` を小さくするほど、この退化した解は対数尤度で「有利」になる。4 成分の解は 3 成分の解より対数尤度が
# 約 43 大きいが、その差はほとんど 1 点の外れ値を特別扱いしたことによるものであり、データの構造をよりよく捉えたからではない。
#
# したがって、1 節の「対数尤度が最も大きい再スタートを選ぶ」方法は、退化した解を選んでしまう危険がある。
# `reg_covar=0` の推定で `ComponentCollapseError` が出たら、その再スタートは捨てるのが安全である (演習 1)。
# `reg_covar > 0` で推定するときは、極端に小さな $N_k$ や分散の成分がないかを確かめるとよい。
#
# 退化の形は 1 点とは限らない。2 次元では、2 点を結ぶ直線の上につぶれた成分も、その直線に垂直な方向の分散が 0 になって特異になる。
# シードを変えて確かめる。

# %% [markdown] lang="en"
# Whatever `reg_covar` is, component 0 ends up holding the outlier alone. The log density at the outlier drops by
# $\ln 10 \approx 2.3$ each time `reg_covar` grows tenfold (by 6.91 from $10^{-6}$ to $10^{-3}$, by 4.61 from $10^{-3}$ to
# $10^{-1}$), and the log-likelihood drops too. Conversely, the smaller `reg_covar`, the more this degenerate solution
# "wins" on log-likelihood. The four-component solution beats the three-component one by about 43, but that gain comes almost entirely
# from treating one outlier specially, not from capturing the structure of the data any better.
#
# So the recipe of Section 1, "keep the restart with the largest log-likelihood", is in danger of picking a degenerate
# solution. When a fit with `reg_covar=0` raises `ComponentCollapseError`, it is safest to discard that restart (exercise 1).
# When fitting with `reg_covar > 0`, check for components with a tiny $N_k$ or tiny variances.
#
# A collapse need not be onto one point. In two dimensions, a component squashed onto the line through two points is
# singular too: its variance across that line is 0. We check with other seeds.

# %%
lines = []
for seed in range(6):
    try:
        gt.fit(X_out, 4, init="kmeans++", seed=seed, reg_covar=0.0)
        collapse = "no collapse"
    except gt.ComponentCollapseError as err:
        collapse = f"collapses in iteration {err.iteration}"
    r = gt.fit(X_out, 4, init="kmeans++", seed=seed, reg_covar=1e-6)
    k = int(np.argmin(r.params.phi))
    variances = np.linalg.eigvalsh(r.params.sigma[k])
    lines.append(f"seed {seed}: reg_covar = 0 {collapse:25s} reg_covar = 1e-6: "
                 f"N_k = {r.params.phi[k] * len(X_out):.2f}, variances {variances[0]:.1e} and {variances[1]:.1e}")
print("\n".join(lines))

# %% [markdown] slide="subslide"
# 6 つのシードすべてで `reg_covar=0` の推定はつぶれた。`reg_covar=1e-6` では、シード 4 だけが外れ値 1 点の成分 ($N_k = 1$、
# 2 つの分散がどちらも $10^{-6}$) になり、他のシードでは $N_k \approx 2$ (シード 0 では 2.48)、一方の分散が $10^{-6}$ 程度、もう一方が 10 以上という
# 「針」のような成分になる。外れ値ともう 1 点を結ぶ直線の上に張りついた成分である。$D$ 次元のデータでは、$D$ 個以下の点の上に
# つぶれた成分はどれも特異になる。
#
# 次のウィジェットで、特異点に近づく様子を手で確かめる。3 成分の推定値に成分 3 を加え、$\log_{10} \sigma$ のスライダーで縮める。
# 「点の番号」で成分 3 を置く点を、下のスライダーでその混合係数を選ぶ。右の図は $\log_{10} \sigma$ に対する対数尤度の曲線である。

# %% [markdown] lang="en"
# With all six seeds the fit with `reg_covar=0` collapsed. With `reg_covar=1e-6` only seed 4 ends with a component on the
# outlier alone ($N_k = 1$, both variances $10^{-6}$); the other seeds end with $N_k \approx 2$ (2.48 for seed 0), one
# variance of about $10^{-6}$ and the other above 10: a "needle" of a component, stuck on the line through the outlier and one other point. With
# $D$-dimensional data, any component squashed onto $D$ points or fewer is singular.
#
# With the next widget you can approach a singularity by hand. It adds component 3 to the three-component fit and shrinks
# it with the $\log_{10} \sigma$ slider; "point number" chooses the point it sits on, and the lower slider its weight. The
# right panel is the curve of the log-likelihood against $\log_{10} \sigma$.

# %% slide="subslide"
# NBVAL_IGNORE_OUTPUT
gt.widgets.singularity_explorer(X, result.params)

# %% [markdown] slide="subslide"
# 試してみること:
#
# - $\log_{10} \sigma$ を 0 から左へ動かす。$-3$ 付近までは対数尤度は破線より下にあるが、その先は直線的に上がり続ける。
#   左の図では成分 3 の楕円が点の上で縮んでいき、その点の色が成分 3 の色 (ピンク) に変わる。
# - 混合係数を 0.001 や 0.2 に変えてみる。$\sigma$ が小さいとき、選んだ点の対数尤度の項は成分 3 の混合係数 $w$ の対数 $\ln w$ を、他の 999 点の項は
#   それぞれ $\ln (1 - w)$ を含むので、曲線は上下に動く。しかし $\sigma$ が小さい側の傾き (1 桁ごとに 4.61) は変わらない。混合係数をどれほど小さくしても、
#   $\sigma$ を十分小さくすれば対数尤度はいくらでも大きくなる。
# - 点の番号を変え、クラスタの中心の点と端の点を比べる。中心の点では $\sigma$ が大きいうちから成分 3 が他の点も説明するので曲線は複雑になるが、
#   $\sigma \to 0$ の振る舞い (1 桁ごとに 4.61) はどの点でも同じである。

# %% [markdown] lang="en"
# Things to try:
#
# - Move $\log_{10} \sigma$ left from 0. Down to about $-3$ the log-likelihood stays below the dashed line, then it rises
#   along a straight line without end. On the left, the ellipses of component 3 shrink onto the point, and the point takes
#   on component 3's colour (pink).
# - Set the weight to 0.001 or 0.2. For a small $\sigma$ the chosen point's term of the log-likelihood contains $\ln w$, the log of component 3's weight $w$,
#   and the terms of the other 999 points contain $\ln (1 - w)$ each, so the curve moves up or down. But its slope at the small end (4.61 per factor of 10)
#   stays the same: however small the weight, a small enough $\sigma$ makes the log-likelihood as large as we like.
# - Change the point number and compare a point in the middle of a cluster with one at its edge. In the middle, component 3
#   also explains other points while $\sigma$ is still large, so the curve is more complicated, but the behaviour as
#   $\sigma \to 0$ (4.61 per factor of 10) is the same for every point.

# %% [markdown] slide="slide"
# ## 3. ラベルの入れ替わり
#
# 05 章で見たとおり、推定した成分 0 が真の成分 0 に対応するとは限らない。その理由は、混合分布の密度
# $\sum_k \phi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$ が和であり、成分の番号を付け替えても
# (同じ並べ替えを $\phi, \mu, \Sigma$ に施しても) 値が変わらないことにある。3 成分の推定値を $3! = 6$ 通りに並べ替えて確かめる。

# %% [markdown] lang="en"
# ## 3. Label switching
#
# As we saw in chapter 05, estimated component 0 need not correspond to true component 0. The reason is that the mixture
# density $\sum_k \phi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$ is a sum, so renumbering the components
# (applying the same reordering to $\phi, \mu, \Sigma$) leaves it unchanged. We check with the $3! = 6$ reorderings of the
# three-component fit.

# %%
from itertools import permutations

for order in permutations(range(result.params.K)):
    p = result.params.permute(list(order))
    print(f"order {order}: phi = {np.round(p.phi, 3)}, log-likelihood {gt.log_likelihood(X, p):.4f}")

# %% [markdown] slide="subslide"
# 6 通りのどれも同じ対数尤度を与える。したがって、尤度の極大点はいつも $K!$ 個の「番号だけが違う」組として現れる。
# これを尤度の形として見るために、1 次元の小さな例を考える。$-2$ と $2$ を中心とする 2 つのクラスタから 200 点を引き、
# 混合係数 $(0.5, 0.5)$ と分散 1 を固定して、2 つの平均 $(\mu_1, \mu_2)$ の関数として対数尤度を描く。
# あわせて、平均だけを更新する EM の道筋を 3 つの初期値から描く。

# %% [markdown] lang="en"
# All six give the same log-likelihood. So the maxima of the likelihood always come as sets of $K!$ points that differ
# only in the numbering. To see this in the shape of the likelihood, take a small one-dimensional example: 200 points
# from two clusters centred at $-2$ and $2$, with the weights fixed at $(0.5, 0.5)$ and the variances at 1, and plot the
# log-likelihood as a function of the two means $(\mu_1, \mu_2)$. On top we draw the paths of EM (updating the means only)
# from three starting points.

# %%
rng = np.random.default_rng(1)
x = np.concatenate([rng.normal(-2, 1, 100), rng.normal(2, 1, 100)])[:, None]  # (200, 1)
grid = np.linspace(-4, 4, 101)
M1, M2 = np.meshgrid(grid, grid)  # mu_1 along the x-axis, mu_2 along the y-axis
log_n = lambda m: -0.5 * np.log(2 * np.pi) - 0.5 * (x[:, 0, None, None] - m) ** 2  # ln N(x_n | m, 1), (n, 101, 101)
surface = np.logaddexp(np.log(0.5) + log_n(M1), np.log(0.5) + log_n(M2)).sum(axis=0)  # ln p(x | mu_1, mu_2)


def em_means(m, n_iter=40):
    """EM for the two means only (weights 0.5, variances 1): the path of (mu_1, mu_2)."""
    path = [m]
    for _ in range(n_iter):
        r = gt.e_step(x, gt.GMMParams([0.5, 0.5], np.array(m)[:, None], np.ones((2, 1, 1))))[0]
        m = tuple(r.T @ x[:, 0] / r.sum(axis=0))
        path.append(m)
    return np.array(path)


fig, ax = plt.subplots(figsize=(5.8, 5.2))
levels = np.linspace(surface.max() - 150, surface.max(), 16)
contours = ax.contourf(M1, M2, surface, levels=levels, cmap="viridis", extend="min")
fig.colorbar(contours, ax=ax, label="log-likelihood")
ax.plot(grid, grid, color="white", linestyle="--", linewidth=1, label=r"$\mu_1 = \mu_2$")
for start, color in [((-0.5, 3.5), "C1"), ((3.0, 0.5), "C3"), ((1.0, 1.0), "white")]:
    path = em_means(start)
    ax.plot(path[:, 0], path[:, 1], "o-", color=color, markersize=3, label=f"EM from {start}")
ax.set(title=r"Log-likelihood over $(\mu_1, \mu_2)$", xlabel=r"$\mu_1$", ylabel=r"$\mu_2$", aspect="equal")
ax.legend(loc="lower left", fontsize=8)
plt.show()
i, j = np.unravel_index(np.argmax(surface), surface.shape)
print(f"highest grid point: (mu_1, mu_2) = ({M1[i, j]:.2f}, {M2[i, j]:.2f}); mirror image "
      f"({M2[i, j]:.2f}, {M1[i, j]:.2f}) has the same value: {np.isclose(surface[i, j], surface[j, i])}")
print("EM from (1, 1) ends at", np.round(em_means((1.0, 1.0))[-1], 3))

# %% [markdown] slide="subslide"
# 対数尤度の面は対角線 $\mu_1 = \mu_2$ (白い破線) について鏡映対称であり、山頂は $(-2, 2)$ 付近と $(2, -2)$ 付近の 2 つある。
# 2 つの山頂はまったく同じモデル (平均 $-2$ と $2$ の 2 つの成分) を表し、違うのは番号だけである。
# 橙の道筋は左上の山頂へ、赤の道筋は右下の山頂へ登る。どちらが「成分 0」を左のクラスタに割り当てるかは、初期値で決まる。
#
# 白い道筋は対角線の上から出発し、対角線の上を動いて $(\bar{x}, \bar{x})$ (データの平均) 付近で止まる。2 つの成分が同じ平均と分散を
# 持つと、負担率はすべての点で 0.5 ずつになり、M ステップの後も 2 つの平均は等しいままだからである。この点は極大点ではなく鞍点
# (対角線に沿っては極大、対角線を横切る方向には極小) だが、EM はそこから出られない。1 節で `"random"` の反復が多かったのは、
# すべての平均がデータの平均付近から出発し、この対称な状態からわずかな違いを頼りに抜け出す必要があるからである。
#
# 最後に、教科書のデータで教科書の初期化のシードを 0 から 9 まで変えて推定し (05 章で見たとおり、どのシードも同じ対数尤度に着く)、推定した成分と真の成分の対応
# (`gt.match_components` の返す並べ替え `order`: 真の成分 `k` に推定の成分 `order[k]` が対応する) を調べる。

# %% [markdown] lang="en"
# The surface is mirror-symmetric about the diagonal $\mu_1 = \mu_2$ (white dashes), with two peaks, near $(-2, 2)$ and near
# $(2, -2)$. The two peaks describe exactly the same model (two components with means $-2$ and $2$); only the numbering
# differs. The orange path climbs to the upper-left peak, the red one to the lower-right peak: which one assigns
# "component 0" to the left cluster is decided by the starting point.
#
# The white path starts on the diagonal, moves along it and stops near $(\bar{x}, \bar{x})$, the mean of the data. With equal
# means and variances the two components get responsibilities of 0.5 each at every point, and after the M-step the two
# means are still equal. That point is not a maximum but a saddle (a maximum along the diagonal, a minimum across it), yet
# EM cannot leave it. This is also why `"random"` needed many iterations in Section 1: all its means start near the mean
# of the data and must escape from this symmetric state using only small differences.
#
# Finally, we fit the textbook data with the textbook initialisation and the seeds 0 to 9 (as chapter 05 showed, every
# seed reaches the same log-likelihood) and look at how the estimated components correspond
# to the true ones (the reordering `order` returned by `gt.match_components`: true component `k` corresponds to estimated
# component `order[k]`).

# %% slide="subslide"
fits = [gt.fit(X, 3, init="textbook", seed=s, reg_covar=0.0) for s in range(10)]
orders = np.array([gt.match_components(r.params, gt.TEXTBOOK_TRUTH) for r in fits])
for s, order in enumerate(orders):
    print(f"seed {s}: order {order}   estimated component 0 is true component {int(np.flatnonzero(order == 0)[0])}")
raw = np.mean([r.params.mu for r in fits], axis=0)  # average of the 10 runs' means, component by component
aligned = np.mean([r.params.permute(o).mu for r, o in zip(fits, orders)], axis=0)  # after matching

# %% slide="subslide"
fig, ax = plt.subplots(figsize=(5.5, 5.2))
gt.plot.draw_points(ax, X, colors=None)
ax.scatter(*gt.TEXTBOOK_TRUTH.mu.T, s=260, facecolors="none", edgecolors="black", linewidths=1.5, label="true means")
ax.scatter(*raw.T, s=120, marker="X", color="C3", edgecolors="black", label="average of 10 runs, as numbered")
ax.scatter(*aligned.T, s=120, marker="X", color="C2", edgecolors="black", label="average after match_components")
ax.set(title="Averaging the means of 10 runs", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
ax.legend(loc="lower right", fontsize=8)
plt.show()
print(f"averaged as numbered:\n{raw.round(2)}\naveraged after matching:\n{aligned.round(2)}")

# %% [markdown] slide="subslide"
# 推定の成分 0 が真のどの成分に当たるかは、シードによってまちまちである。ラベルの入れ替わりは珍しいことではなく、
# 番号は推定のたびに付け直される名札にすぎない。そのため、複数回の推定結果を番号のまま平均すると (赤の ×)、
# 異なるクラスタの平均が混ざり合い、どのクラスタにも属さない位置になってしまう。`gt.match_components` で真の成分 (あるいは
# 基準にする 1 回の推定結果) に対応づけてから平均すれば (緑の ×)、真の平均 (黒い円) とよく一致する。
# 推定値どうしや推定値と真の値を比べるときは、いつも先に対応をとる必要がある。

# %% [markdown] lang="en"
# Which true component estimated component 0 turns out to be varies from seed to seed. Label switching is not rare: the
# numbers are only name tags, handed out afresh at every fit. So if we average the results of several fits by their
# numbers (red ×), means of different clusters get mixed and land where no cluster is. Matched first with
# `gt.match_components` to the true components (or to one fit chosen as the reference), the averages (green ×) agree well
# with the true means (black circles). Whenever we compare estimates with each other or with the truth, we must pair the
# components up first.

# %% [markdown] slide="slide"
# ## 4. k-means は EM の極限である
#
# 最後に、EM と k-means の関係を調べる。GMM の混合係数をすべて $1/K$、共分散行列をすべて共通の $\sigma^2 I$ に固定する。
# このとき $\phi_k$ と正規化定数 $(2\pi\sigma^2)^{-D/2}$ は $k$ によらないので負担率の分子と分母で打ち消し合い、
#
# $$
# \gamma_{nk} = \frac{\exp\bigl(-\lVert \mathbf{x}_n - \boldsymbol{\mu}_k \rVert^2 / 2\sigma^2\bigr)}
#                    {\sum_{j} \exp\bigl(-\lVert \mathbf{x}_n - \boldsymbol{\mu}_j \rVert^2 / 2\sigma^2\bigr)}
# $$
#
# となる。負担率は平均までの距離だけで決まり、最大の負担率を持つ成分はどんな $\sigma$ でも最も近い平均の成分である。
# $\sigma$ が変えるのは、割り当ての「柔らかさ」だけである。$\sigma \to 0$ では、最も近い平均との 2 乗距離の差が
# $2\sigma^2$ に比べて無限に大きくなるので、最も近い成分の負担率が 1、他は 0 になる。これが k-means の割り当てである。
# 真の平均を固定して、$\sigma$ を 4 通りに変えてみる。

# %% [markdown] lang="en"
# ## 4. k-means as a limit of EM
#
# Last, the link between EM and k-means. Fix all the weights of the GMM at $1/K$ and all the covariance matrices at one
# shared $\sigma^2 I$. Then $\phi_k$ and the normalising constant $(2\pi\sigma^2)^{-D/2}$ do not depend on $k$ and cancel
# between the numerator and the denominator of the responsibilities:
#
# $$
# \gamma_{nk} = \frac{\exp\bigl(-\lVert \mathbf{x}_n - \boldsymbol{\mu}_k \rVert^2 / 2\sigma^2\bigr)}
#                    {\sum_{j} \exp\bigl(-\lVert \mathbf{x}_n - \boldsymbol{\mu}_j \rVert^2 / 2\sigma^2\bigr)} .
# $$
#
# The responsibilities depend only on the distances to the means, and for any $\sigma$ the most responsible component is
# the one with the nearest mean. All that $\sigma$ changes is how "soft" the assignment is. As $\sigma \to 0$, the gap
# between the squared distances to the nearest mean and to any other becomes infinitely large compared with $2\sigma^2$, so
# the nearest component gets responsibility 1 and the others 0. That is the assignment of k-means. We fix the true means
# and try four values of $\sigma$.

# %%
def shared(mu, s):
    """Equal weights 1/K, the means mu and the shared covariance s^2 I."""
    K = len(mu)
    return gt.GMMParams(np.full(K, 1 / K), mu, np.repeat((s**2 * np.eye(2))[None], K, axis=0))


mu_true = gt.TEXTBOOK_TRUTH.mu
nearest = np.argmin(((X[:, None, :] - mu_true[None, :, :]) ** 2).sum(axis=2), axis=1)  # k-means assignment
fig, axes = plt.subplots(1, 4, figsize=(14, 3.9), layout="constrained")
for ax, s in zip(axes, [3.0, 1.0, 0.5, 0.1]):
    responsibilities = gt.e_step(X, shared(mu_true, s))[0]  # log-sum-exp inside: fine for any sigma
    gt.plot.draw_points(ax, X, responsibilities)
    gt.plot.draw_means(ax, shared(mu_true, s))
    ax.set(title=f"$\\sigma$ = {s:g}: mean max$_k\\,\\gamma_{{nk}}$ = {responsibilities.max(axis=1).mean():.3f}",
           xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
    assert np.array_equal(responsibilities.argmax(axis=1), nearest)  # the most responsible = the nearest mean
plt.show()

# %% [markdown] slide="subslide"
# $\sigma = 3$ ではクラスタの境目付近の広い範囲で色が混ざり、各点の最大の負担率の平均は 0.63 である。$\sigma$ を小さくするにつれて
# 中間色の帯は細くなり、$\sigma = 0.1$ では境目の点まで純粋な 1 色になる。4 枚とも、最大の負担率の成分は最も近い平均の成分と
# すべての点で一致している (セルの最後の `assert` が確かめている)。
#
# 次のウィジェットで、$\sigma$ を連続的に動かして確かめる。右の図は $\log_{10} \sigma$ に対する「最大の負担率の平均」(実線) と
# 「最大の負担率が 0.99 を超える点の割合」(破線) である。「硬い割り当て」にチェックを入れると、各点を最大の負担率の成分の色で塗る。

# %% [markdown] lang="en"
# At $\sigma = 3$ the colours mix over a wide band around the borders between clusters, and the largest responsibility of a
# point is 0.63 on average. As $\sigma$ shrinks the band of mixed colours narrows, and at $\sigma = 0.1$ even the points
# on the borders have one pure colour. In all four panels the most responsible component is the one with the nearest
# mean, at every point (the `assert` at the end of the cell checks it).
#
# With the next widget you can move $\sigma$ continuously. The right panel shows, against $\log_{10} \sigma$, the mean of the
# largest responsibility (solid) and the share of points whose largest responsibility exceeds 0.99 (dashed). Ticking
# "hard assignment" colours each point by its most responsible component.

# %%
# NBVAL_IGNORE_OUTPUT
gt.widgets.kmeans_limit_explorer(X, mu_true)

# %% [markdown] slide="subslide"
# 試してみること:
#
# - $\log_{10} \sigma$ を 1 から $-2$ まで動かす。破線 (0.99 を超える点の割合) は $\log_{10} \sigma \approx 0.3$ ($\sigma \approx 2$) で
#   立ち上がり始め、$\log_{10} \sigma = 0$ ($\sigma = 1$) で 0.84、$-0.5$ で 0.99 に達する。クラスタの大きさ (標準偏差 1 程度) と比べて
#   $\sigma$ が小さくなると、ほとんどの点の割り当てが硬くなる。
# - 「硬い割り当て」にチェックを入れたまま $\sigma$ を動かす。図はまったく変わらない。負担率最大の成分は $\sigma$ によらないからである。
#   境界は 2 つの平均を結ぶ線分の垂直二等分線であり、k-means の割り当てと同じ「ボロノイ分割」になっている。
#
# 割り当てが硬くなれば、M ステップの平均の式 $\boldsymbol{\mu}_k = \sum_n \gamma_{nk} \mathbf{x}_n / N_k$ は「成分 $k$ に割り当てられた点の平均」になる。
# 割り当てと平均の更新を交互に繰り返すのが k-means (ロイドのアルゴリズム) であり、数行で書ける。
# これを、混合係数 $1/K$ と共通の $\sigma^2 I$ を固定して平均だけを更新する EM と比べる。どちらも、05 章と同じ教科書の初期平均から出発する。

# %% [markdown] lang="en"
# Things to try:
#
# - Move $\log_{10} \sigma$ from 1 down to $-2$. The dashed curve (the share above 0.99) starts to rise at
#   $\log_{10} \sigma \approx 0.3$ ($\sigma \approx 2$), reaches 0.84 at $\log_{10} \sigma = 0$ ($\sigma = 1$) and 0.99 at $-0.5$.
#   Once $\sigma$ is small compared with the size of the clusters (a standard deviation of about 1), almost every
#   assignment is hard.
# - Tick "hard assignment" and move $\sigma$. The picture does not change at all, because the most responsible component does
#   not depend on $\sigma$. The borders are the perpendicular bisectors of the segments between the means: the same
#   "Voronoi partition" as the assignment of k-means.
#
# Once the assignments are hard, the M-step's mean $\boldsymbol{\mu}_k = \sum_n \gamma_{nk} \mathbf{x}_n / N_k$ becomes "the mean of
# the points assigned to component $k$". Alternating the assignment and this update of the means is k-means (Lloyd's
# algorithm), and it takes a few lines. We compare it with EM that keeps the weights at $1/K$ and the shared $\sigma^2 I$ fixed
# and updates only the means. Both start from the textbook's initial means, as in chapter 05.

# %% slide="subslide"
def kmeans(X, mu, n_iter=100):
    for _ in range(n_iter):
        labels = np.argmin(((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2), axis=1)  # assign: nearest mean
        new_mu = np.array([X[labels == k].mean(axis=0) for k in range(len(mu))])  # update: mean of each cluster
        if np.allclose(new_mu, mu):
            break
        mu = new_mu
    return mu, labels


def em_shared_sigma(X, mu, s, n_iter=100):
    for _ in range(n_iter):
        responsibilities = gt.e_step(X, shared(mu, s))[0]  # E-step with phi_k = 1/K, Sigma_k = s^2 I
        mu = responsibilities.T @ X / responsibilities.sum(axis=0)[:, None]  # M-step for the means only
    return mu


mu0 = result.history[0].mu  # the textbook's initial means (seed 11)
mu_kmeans, labels = kmeans(X, mu0)
widths = [2.0, 1.0, 0.5, 0.2, 0.1, 0.05]
gaps = [np.abs(em_shared_sigma(X, mu0, s) - mu_kmeans).max() for s in widths]  # largest difference of the means
lines = [f"sigma = {s:4.2f}: largest |EM mean - k-means mean| = {g:.4f}" for s, g in zip(widths, gaps)]
print("k-means means:\n", mu_kmeans.round(3))
print("\n".join(lines))

# %% [markdown] slide="subslide"
# $\sigma = 2$ では EM の平均は k-means の平均と 1 以上ずれるが、$\sigma$ を小さくするにつれて差は縮み、$\sigma = 0.05$ では
# 小数第 4 位まで一致する。k-means は「混合係数が等しく、共通の球形の共分散行列 $\sigma^2 I$ を持ち、$\sigma \to 0$ とした GMM」の EM なのである。
# 07 章の言葉でいえば、k-means は $q$ を硬い割り当てに制限した座標上昇法であり、下界の代わりに 2 乗誤差の和
# $\sum_n \lVert \mathbf{x}_n - \boldsymbol{\mu}_{z_n} \rVert^2$ を、割り当てと平均について交互に減らしていく。
#
# この制限は代償を伴う。k-means は各クラスタの形 (共分散行列) も大きさ (混合係数) も考えない。3 成分の GMM (本章の `result`) の硬い割り当てと
# 比べる。

# %% [markdown] lang="en"
# At $\sigma = 2$ the EM means are more than 1 away from the k-means means, but the difference shrinks with $\sigma$ and at
# $\sigma = 0.05$ they agree to four decimals. k-means is EM for "a GMM with equal weights and one shared spherical covariance
# $\sigma^2 I$, with $\sigma \to 0$". In the language of chapter 07, k-means is coordinate ascent with $q$ restricted to hard
# assignments: instead of raising a lower bound, it lowers the sum of squared errors
# $\sum_n \lVert \mathbf{x}_n - \boldsymbol{\mu}_{z_n} \rVert^2$, alternately over the assignments and over the means.
#
# The restriction has a price: k-means takes neither the shape of each cluster (its covariance matrix) nor its size (its
# weight) into account. We compare with the hard assignment of the three-component GMM (`result` of this chapter).

# %%
gmm_labels = result.responsibilities.argmax(axis=1)
order = gt.match_components(result.params, mu_kmeans)  # GMM component order[k] matches k-means cluster k
gmm_as_kmeans = np.argsort(order)[gmm_labels]  # GMM labels renamed to the k-means numbering
disagree = gmm_as_kmeans != labels
fig, axes = plt.subplots(1, 2, figsize=(11, 4.8), layout="constrained")
for ax, lab, title in [(axes[0], labels, "k-means"), (axes[1], gmm_as_kmeans, "GMM (K = 3), hard assignment")]:
    gt.plot.draw_points(ax, X, np.eye(3)[lab], hard=True)
    ax.scatter(*X[disagree].T, s=60, facecolors="none", edgecolors="black", linewidths=1, label="the two disagree")
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
    ax.legend(loc="lower right")
gt.plot.draw_ellipses(axes[1], result.params.permute(order), radii=(2,))
plt.show()
print("points assigned differently:", int(disagree.sum()), "of", len(X))

# %% [markdown] slide="subslide"
# 1000 点のうち 13 点で割り当てが異なる (黒い円)。いずれもクラスタの境目の点である。k-means の境界は平均どうしの垂直二等分線なので、
# 2 つのクラスタの広がりが違っても境界は真ん中に引かれる。GMM の境界は各成分の共分散行列と混合係数に応じて曲がり、
# その方向に大きく広がったクラスタや混合係数の大きいクラスタの縄張りが広がる。たとえば上の 2 つのクラスタの境目 ($x_1 \approx 0$) の 3 点は、
# k-means では右上のクラスタに、GMM では横に広い左上のクラスタに割り当てられている。
# クラスタがよく離れた教科書のデータでは差は小さいが、細長いクラスタや大きさの違うクラスタでは、k-means は GMM よりはっきり劣る。
# 一方 k-means は速く、局所最適解の問題は EM と同じく抱えているものの、GMM の初期値を作るのによく使われる
# (`"kmeans++"` の初期化は、k-means のための初期値の選び方を借りたものである)。

# %% [markdown] lang="en"
# The two disagree on 13 of the 1000 points (black circles), all of them on the borders between clusters. The border of
# k-means is the perpendicular bisector between two means, so it is drawn halfway even when the two clusters have
# different spreads. The border of the GMM bends with the covariance matrices and weights of the components, and a
# cluster that spreads further in that direction, or has a larger weight, gets more territory. For example, the three
# points on the border between the two upper clusters ($x_1 \approx 0$) go to the upper-right cluster in k-means but to
# the upper-left cluster, which is wider horizontally, in the GMM. On the well-separated textbook data the difference is small, but with elongated
# clusters or clusters of different sizes k-means does clearly worse than a GMM. On the other hand k-means is fast and,
# while it has the same problem of local optima as EM, it is often used to initialise a GMM (the `"kmeans++"`
# initialisation borrows the way k-means chooses its starting points).

# %% [markdown] slide="slide"
# ## まとめ
#
# - EM の行き着く先は初期値で決まる。5 つのクラスタのデータでは `"random"` の半数、`"textbook"` の 3 分の 1 が局所最適解に止まり、
#   `"kmeans++"` は 20 回すべてが最良の解に着いた。初期値を変えて何度か推定し、最良の結果を選ぶ (1 回の成功確率 $p$ なら $m$ 回で $1 - (1-p)^m$)。
# - GMM の対数尤度には最大値がない。成分を 1 点に重ねて $\sigma \to 0$ とすると、対数尤度は $\sigma$ が 1 桁小さくなるごとに
#   $2 \ln 10$ ずつ増え続ける。`reg_covar=0` では `gt.ComponentCollapseError` が出て止まり、`reg_covar > 0` では分散の下限で有限にとどまるが、
#   退化した成分 (1 点や、2 点を結ぶ直線の上につぶれた成分) は残る。再スタートで最良の結果を選ぶときは、退化した解に注意する。
# - 尤度は成分の並べ替えについて対称であり、極大点は $K!$ 個の組で現れる。推定の番号は名札にすぎないので、
#   比べたり平均したりする前に `gt.match_components` で対応をとる。対称な初期値 (すべての平均が同じ) から EM は抜け出せない。
# - 混合係数を $1/K$、共分散行列を共通の $\sigma^2 I$ とした EM は、$\sigma \to 0$ で k-means になる。負担率最大の成分は $\sigma$ によらず最も近い平均の成分であり、
#   $\sigma$ は割り当ての柔らかさだけを決める。k-means はクラスタの形と大きさを考えない。

# %% [markdown] lang="en"
# ## Summary
#
# - Where EM ends is decided by the initialisation. On the five-cluster data half of the `"random"` runs and a third of
#   the `"textbook"` runs stopped at a local optimum, while all 20 `"kmeans++"` runs reached the best solution. Fit from several
#   initialisations and keep the best (with success probability $p$ per fit, $1 - (1-p)^m$ for $m$ fits).
# - The log-likelihood of a GMM has no maximum. With a component on one point and $\sigma \to 0$, it grows by $2 \ln 10$ for
#   every factor of 10 in $\sigma$. With `reg_covar=0`, EM stops with `gt.ComponentCollapseError`; with `reg_covar > 0` the floor
#   under the variances keeps it finite, but the degenerate component (on one point, or squashed onto the line through two)
#   stays. When keeping the best of several restarts, beware of degenerate solutions.
# - The likelihood is symmetric under reordering the components, and its maxima come in sets of $K!$. The numbers of an
#   estimate are only name tags: match the components with `gt.match_components` before comparing or averaging.
#   EM cannot leave a symmetric start (all means equal).
# - EM with weights $1/K$ and one shared covariance $\sigma^2 I$ becomes k-means as $\sigma \to 0$. The most responsible
#   component is the nearest mean's whatever $\sigma$ is; $\sigma$ only sets how soft the assignment is. k-means ignores the
#   shape and the size of the clusters.

# %% [markdown] slide="slide"
# ## 演習
#
# 採点関数は、これまでの章と同じく `gt.checks` にある。

# %% [markdown] lang="en"
# ## Exercises
#
# The checkers are in `gt.checks`, as in the earlier chapters.

# %% [markdown]
# ### 演習 1: つぶれた実行を捨てる再スタート
#
# データ `X`、成分数 `K`、シードのリスト `seeds` を受け取り、各シード `s` について
# `gt.fit(X, K, init="random", seed=s, reg_covar=0.0)` を実行して、最終の対数尤度 `result.log_likelihoods[-1]` が最も大きい結果
# (`gt.fit` の返した `EMResult`) を返す関数 `best_of_restarts(X, K, seeds)` を書け。`gt.ComponentCollapseError` を出したシードは飛ばすこと。
# 少なくとも 1 つのシードは成功すると仮定してよい。採点関数は小さなデータ (25 点と 40 点) で、8 つのシードを試す。

# %% [markdown] lang="en"
# ### Exercise 1: restarts that discard collapsed runs
#
# Write a function `best_of_restarts(X, K, seeds)` that takes the data `X`, the number of components `K` and a list of
# seeds `seeds`, runs `gt.fit(X, K, init="random", seed=s, reg_covar=0.0)` for each seed `s`, and returns the result (the
# `EMResult` that `gt.fit` returned) with the largest final log-likelihood `result.log_likelihoods[-1]`. Skip every seed
# whose run raises `gt.ComponentCollapseError`. You may assume that at least one seed succeeds. The checker tries eight
# seeds on small data sets (25 and 40 points).

# %% slide="skip"
def best_of_restarts(X, K, seeds):
    """The EMResult with the largest final log-likelihood over the seeds; collapsed runs are skipped."""
    # TODO: try each seed, skip gt.ComponentCollapseError, keep the best result
    return None


# %% slide="skip"
gt.checks.check_best_of_restarts(best_of_restarts)

# %% [markdown]
# ### 演習 2: 共通の分散での負担率
#
# データ `X` (形 $(N, D)$)、平均 `mu` (形 $(K, D)$)、正の数 `sigma` を受け取り、混合係数がすべて $1/K$、共分散行列がすべて $\sigma^2 I$ の
# GMM の負担率 (4 節の式、形 $(N, K)$) を返す関数 `soft_assign(X, mu, sigma)` を書け。`gt.e_step` は使わないこと。
# 採点関数は最後に $\sigma = 0.01$ で試す。このとき $\exp(-\lVert \mathbf{x}_n - \boldsymbol{\mu}_k \rVert^2 / 2\sigma^2)$ はすべて 0 に
# アンダーフローするので、03 章の log-sum-exp の考え方が必要である。

# %% [markdown] lang="en"
# ### Exercise 2: responsibilities with a shared variance
#
# Write a function `soft_assign(X, mu, sigma)` that takes the data `X` (shape $(N, D)$), the means `mu` (shape $(K, D)$) and
# a positive number `sigma`, and returns the responsibilities (the formula of Section 4, shape $(N, K)$) of a GMM whose
# weights are all $1/K$ and whose covariance matrices are all $\sigma^2 I$. Do not use `gt.e_step`. At the end the checker
# tries $\sigma = 0.01$, where every $\exp(-\lVert \mathbf{x}_n - \boldsymbol{\mu}_k \rVert^2 / 2\sigma^2)$ underflows to 0, so you
# need the idea of log-sum-exp from chapter 03.

# %% slide="skip"
def soft_assign(X, mu, sigma):
    """Responsibilities (n, K) with weights 1/K and Sigma_k = sigma^2 I, from X (n, d), mu (K, d), sigma > 0."""
    # TODO: squared distances (n, K), then a row-wise softmax of -d2 / (2 sigma^2), computed stably
    return None


# %% slide="skip"
gt.checks.check_soft_assign(soft_assign)

# %% [markdown] tags=["solution-note"] slide="skip"
# ### 解答例
#
# 次の 2 つのセルは解答例である (折りたたまれている。クリックすると開く)。自分で解いてから開くこと。

# %% [markdown] lang="en" tags=["solution-note"]
# ### Worked solutions
#
# The next two cells are worked solutions (collapsed: click to open them). Try the exercises yourself first.

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/08_where_em_fails.py#best_of_restarts

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/08_where_em_fails.py#soft_assign

# %% [markdown] tags=["solution-note"] slide="skip"
# 演習 1 では、`reg_covar=0.0` を守ることが大切である。`reg_covar` を既定の $10^{-6}$ にすると、つぶれるはずの実行が
# 1 点や 2 点に張りついた成分のまま終わり、見かけ上大きな対数尤度で「最良」に選ばれてしまう (採点関数はこの誤りも見分ける)。
# 演習 2 の解答は、各行の最大値 (最も近い平均の項) を引いてから $\exp$ をとる。最も近い平均の項は $\exp(0) = 1$ になるので、
# $\sigma$ がどれほど小さくても分母は 1 以上であり、$\sigma \to 0$ では自然に最も近い平均への硬い割り当てになる。

# %% [markdown] lang="en" tags=["solution-note"]
# In exercise 1 it matters to keep `reg_covar=0.0`. With the default `reg_covar` of $10^{-6}$, a run that would collapse
# ends with a component stuck on one or two points, and its deceptively large log-likelihood gets it chosen as "the best"
# (the checker recognises this mistake too). The solution to exercise 2 subtracts each row's maximum (the term of the
# nearest mean) before exponentiating. The term of the nearest mean becomes $\exp(0) = 1$, so however small $\sigma$ is,
# the denominator is at least 1, and as $\sigma \to 0$ the result turns naturally into the hard assignment to the nearest mean.

# %% [markdown]
# 次は [09 K の選び方](09_choosing_k.ipynb) である。成分数 $K$ を BIC、AIC、テストデータでの対数尤度で選ぶ。
# 本章で見たとおり対数尤度は $K$ を増やすほど (退化した成分によってでも) 大きくなるので、$K$ を選ぶには別の基準が要る。

# %% [markdown] lang="en"
# Next is [09 Choosing K](09_choosing_k.ipynb): choosing the number of components $K$ by BIC, AIC and the log-likelihood on
# held-out data. As this chapter showed, the log-likelihood grows as $K$ grows (by degenerate components if need be), so
# choosing $K$ needs another criterion.
