# %% [markdown] slide="slide"
# # 01 データ生成 ── 混合ガウスモデルからデータを引く
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/01_data_generation.ipynb) (インストール不要。Google アカウントで実行できる)
#
# EM アルゴリズムは、観測されたデータから、そのデータを生んだ確率モデルのパラメータを推定する方法である。
# 推定に取りかかる前に、この章では逆向きの問題、すなわち **パラメータが分かっているときにデータがどのように生まれるか** を考える。
# 混合ガウスモデルを「データの作り方」として読んでおくと、以後の章に現れる潜在変数や負担率の意味が自然に理解できる。
#
# **この章で学ぶこと**
# - 混合ガウスモデルの密度 $p(\mathbf{x}) = \sum_k \phi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$ を、
#   潜在変数 $z$ を用いた 2 段階の生成過程として読むこと
# - 教科書の章のデータ生成を再現し、`gt.textbook_data()` とビット単位で一致することを確かめること
# - 本来の生成過程である祖先サンプリングを数行で実装し、`gt.sample` と比べること
# - 教科書の生成法では成分ごとの点数が固定されているのに対し、祖先サンプリングでは点数が二項分布に従ってばらつくこと
#
# **前提**: [00 はじめに](00_introduction.ipynb) の用語集。確率の基礎 (離散分布、二項分布、期待値と分散) と、
# numpy で正規分布から乱数を引けること。ガウス分布の密度の式そのものは 02 章で詳しく扱う。

# %% [markdown] lang="en"
# # 01 Data generation: drawing data from a Gaussian mixture model
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/01_data_generation.ipynb) (nothing to install; runs with a Google account)
#
# The EM algorithm estimates, from observed data, the parameters of the probability model that generated those data.
# Before we start estimating, this chapter looks at the reverse problem: **how data come into being when the parameters are known**.
# Once you read the Gaussian mixture model as "a recipe for making data", the latent variables and responsibilities of the later chapters make sense naturally.
#
# **What you will learn**
# - to read the mixture density $p(\mathbf{x}) = \sum_k \phi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$
#   as a two-stage generative process with a latent variable $z$
# - to reproduce the textbook chapter's data generation and confirm that it matches `gt.textbook_data()` bit for bit
# - to implement ancestral sampling, the true generative process, in a few lines and compare it with `gt.sample`
# - that the textbook's method fixes the number of points per component, whereas under ancestral sampling the counts vary according to a binomial distribution
#
# **Prerequisites**: the glossary in [00 Introduction](00_introduction.ipynb); basic probability (discrete distributions, the binomial distribution, expectation and variance);
# drawing random numbers from a normal distribution with numpy. The formula of the Gaussian density itself is treated in detail in chapter 02.

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
# ## 生成モデルとしての混合ガウスモデル
#
# $K$ 個のガウス分布を重み $\phi_k$ で足し合わせた分布
#
# $$
# p(\mathbf{x}) = \sum_{k=1}^{K} \phi_k\, \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k),
# \qquad \phi_k \ge 0, \quad \sum_{k=1}^{K} \phi_k = 1
# $$
#
# を **混合ガウスモデル** という。$\phi_k$ を混合係数、$\boldsymbol{\mu}_k$ を平均、$\Sigma_k$ を共分散行列とよぶ。
# この式は、次の 2 段階の手続きでデータ点 $\mathbf{x}$ を 1 つ作ることと同じである。
#
# 1. **成分を選ぶ**: 確率 $\phi_k$ で $z = k$ とする。すなわち $p(z = k) = \phi_k$ である (カテゴリ分布)。
# 2. **選んだ成分から点を引く**: $\mathbf{x} \mid z = k \;\sim\; \mathcal{N}(\boldsymbol{\mu}_k, \Sigma_k)$。
#
# 実際、同時分布 $p(\mathbf{x}, z = k) = p(z = k)\, p(\mathbf{x} \mid z = k) = \phi_k\, \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$
# を $z$ について足し合わせる (周辺化する) と、上の $p(\mathbf{x})$ に戻る。
# このように、親にあたる変数 ($z$) から順に値を引いていく標本の作り方を **祖先サンプリング** (ancestral sampling) という。
#
# $z$ は「その点がどの成分から生まれたか」を表す変数であるが、実際のデータには記録されておらず、観測されるのは $\mathbf{x}$ だけである。
# このように観測されない変数を **潜在変数** という。EM アルゴリズムは、見えない $z$ を確率的に推し量りながら
# (その確率 $p(z = k \mid \mathbf{x})$ が 03 章の負担率である) パラメータを推定する方法である。
#
# 以下では、教科書の章と同じ 3 成分の 2 次元モデルを用いる。パッケージでは `gt.TEXTBOOK_TRUTH` という名前で用意されている。

# %% [markdown] lang="en"
# ## The Gaussian mixture model as a generative model
#
# The distribution obtained by adding up $K$ Gaussian distributions with weights $\phi_k$,
#
# $$
# p(\mathbf{x}) = \sum_{k=1}^{K} \phi_k\, \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k),
# \qquad \phi_k \ge 0, \quad \sum_{k=1}^{K} \phi_k = 1
# $$
#
# is called a **Gaussian mixture model**. The $\phi_k$ are the mixing coefficients, the $\boldsymbol{\mu}_k$ the means and the $\Sigma_k$ the covariance matrices.
# This formula describes the same thing as the following two-stage procedure for making one data point $\mathbf{x}$:
#
# 1. **Pick a component**: set $z = k$ with probability $\phi_k$; that is, $p(z = k) = \phi_k$ (a categorical distribution).
# 2. **Draw a point from the chosen component**: $\mathbf{x} \mid z = k \;\sim\; \mathcal{N}(\boldsymbol{\mu}_k, \Sigma_k)$.
#
# Indeed, summing the joint distribution $p(\mathbf{x}, z = k) = p(z = k)\, p(\mathbf{x} \mid z = k) = \phi_k\, \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$
# over $z$ (marginalising it) gives back $p(\mathbf{x})$ above.
# Making a sample like this, drawing the parent variable ($z$) first and working downwards, is called **ancestral sampling**.
#
# $z$ says which component a point came from, but it is not recorded in real data: only $\mathbf{x}$ is observed.
# A variable that is not observed is called a **latent variable**. The EM algorithm estimates the parameters while inferring the unseen $z$
# probabilistically (that probability, $p(z = k \mid \mathbf{x})$, is the responsibility of chapter 03).
#
# Below we use the same three-component two-dimensional model as the textbook chapter. The package provides it under the name `gt.TEXTBOOK_TRUTH`.

# %%
truth = gt.TEXTBOOK_TRUTH
truth

# %% [markdown] slide="subslide"
# 式では成分を $k = 1, \dots, K$ と数えるが、コード・出力・ウィジェットでは Python の配列の添字と同じく 0 から数え、
# 本文でもコードの成分を指すときは「成分 0、1、2」とよぶ。つまり、コードの成分 0 が式の $k = 1$ に当たる。
# たとえば成分 0 の混合係数 `truth.phi[0]` は式の $\phi_1 = 0.3$、成分 1 の平均 `truth.mu[1]` は式の
# $\boldsymbol{\mu}_2 = (3, 3)$ である。番号が 1 つずれることに注意しよう。
#
# 共分散行列の非対角成分は、各成分の傾きを決める。標準偏差と相関係数 $\rho = \Sigma_{12} / \sqrt{\Sigma_{11} \Sigma_{22}}$
# に直すと読みやすい (この章の最後のウィジェットも、この 2 つで成分を指定する)。

# %% [markdown] lang="en"
# In formulas the components are counted $k = 1, \dots, K$; code, printed output and widgets count them from 0, like Python array indices,
# and so does the text whenever it means the code's components: components 0, 1 and 2. So the code's component 0 is the formulas' $k = 1$.
# For example, the mixing coefficient of component 0, `truth.phi[0]`, is $\phi_1 = 0.3$ in the formulas,
# and the mean of component 1, `truth.mu[1]`, is $\boldsymbol{\mu}_2 = (3, 3)$. Mind the shift by one.
#
# The off-diagonal entries of a covariance matrix set the tilt of each component. They are easier to read once converted to standard deviations
# and the correlation coefficient $\rho = \Sigma_{12} / \sqrt{\Sigma_{11} \Sigma_{22}}$ (the widget at the end of this chapter also specifies each component by these two).

# %%
sigma = truth.sigma
std = np.sqrt(np.diagonal(sigma, axis1=1, axis2=2))  # (K, 2) standard deviations along x1, x2
rho = sigma[:, 0, 1] / (std[:, 0] * std[:, 1])  # (K,) correlation coefficients
print("standard deviations:\n", np.round(std, 3))
print("correlations:", np.round(rho, 3))

# %% [markdown]
# 成分 0 は円に近く、右上がりにわずかに傾いている ($\rho = 0.3$)。成分 1 は縦長 ($x_2$ 方向の標準偏差 1.225) で、
# わずかに右下がりである。成分 2 は横長で右上がりである。どの相関も $\pm 0.33$ 以内で、傾きは控えめである。

# %% [markdown] lang="en"
# Component 0 is nearly circular and tilts slightly upwards to the right ($\rho = 0.3$). Component 1 is tall (standard deviation 1.225 along $x_2$)
# and tilts slightly downwards to the right. Component 2 is wide and tilts upwards to the right. All the correlations lie within $\pm 0.33$, so the tilts are modest.

# %% [markdown] slide="slide"
# ## 教科書の章のデータ生成
#
# 教科書の章は、次のコードでデータ `X` を作っていた (点の総数 $N = 1000$)。
# 下のセルは章のコードと 2 点だけ違う。1 つは、パラメータを数値で書き下す代わりに `truth` から取り出していることである。
# もう 1 つは乱数生成器で、章は `np.random.seed(42)` で numpy 全体の乱数の状態を設定するが、
# ここでは自分専用の乱数生成器 `np.random.RandomState(42)` を作って使う。生成器の種類 (メルセンヌ・ツイスタ) とシードが
# 同じなので得られる乱数列は同じであり、しかもノートブックの他の部分の乱数には影響しない。

# %% [markdown] lang="en"
# ## The textbook chapter's data generation
#
# The textbook chapter made its data `X` with the code below ($N = 1000$ points in total).
# The cell differs from the chapter's code in just two places. First, it takes the parameters from `truth` instead of writing out the numbers.
# Second, the random number generator: the chapter sets numpy's global random state with `np.random.seed(42)`,
# whereas here we create a generator of our own, `np.random.RandomState(42)`. The kind of generator (Mersenne Twister) and the seed are
# the same, so it produces the same sequence of random numbers, and it leaves the random numbers in the rest of the notebook untouched.

# %%
rs = np.random.RandomState(42)
n_samples = 10**3
true_means, true_covs, true_weights = truth.mu, truth.sigma, truth.phi
X_chapter = np.vstack([
    rs.multivariate_normal(mean, cov, int(w * n_samples))
    for mean, cov, w in zip(true_means, true_covs, true_weights)
])
print("shape of X_chapter:", X_chapter.shape)
print("identical to gt.textbook_data():", np.array_equal(X_chapter, gt.textbook_data()))

# %% [markdown] slide="subslide"
# `np.array_equal` は、2 つの配列の全要素が完全に等しいときだけ `True` を返す。丸め誤差の範囲で近い (`np.allclose`)
# のではなく、ビット単位で同じということである。以後の章で使う `gt.textbook_data()` は、教科書の章の `X` そのものである。
#
# このコードをよく見ると、成分 $k$ から引く点の数は `int(w * n_samples)` であり、乱数を引く前から決まっている。
# `return_labels=True` とすると、各点がどの成分から引かれたか (章のコードでは捨てられていた $z$) も返ってくる。

# %% [markdown] lang="en"
# `np.array_equal` returns `True` only when every element of the two arrays is exactly equal: not close up to rounding errors (`np.allclose`),
# but identical bit for bit. The `gt.textbook_data()` used in the later chapters is exactly the textbook chapter's `X`.
#
# Look closely at this code: the number of points drawn from component $k$ is `int(w * n_samples)`, fixed before a single random number is drawn.
# With `return_labels=True` we also get the component each point was drawn from (the $z$ that the chapter's code threw away).

# %%
X, z = gt.textbook_data(return_labels=True)
print("points per component:", np.bincount(z))
print("z of the first rows:", z[:3], "  z of rows 300-302:", z[300:303])

# %% [markdown] slide="subslide"
# 点は成分 0 から 300 点、成分 1 から 400 点、成分 2 から 300 点であり、この順に並んでいる。
# 図にして、EM アルゴリズムに見えるもの (左) と、見えない正解 (右) を並べてみよう。
# 右の図では点を真の成分 $z$ で色分けし、真のガウス分布の広がりを破線の楕円で描く。
# `np.eye(K)[z]` は $z$ を「正解の成分だけが 1、他は 0」の $(N, K)$ 行列 (one-hot 表現) に直したもので、
# 03 章の負担率と同じ形の配列である。

# %% [markdown] lang="en"
# There are 300 points from component 0, 400 from component 1 and 300 from component 2, stored in that order.
# Let us draw what the EM algorithm sees (left) next to the hidden truth (right).
# On the right the points are coloured by their true component $z$, and the spread of each true Gaussian is drawn as a dashed ellipse.
# `np.eye(K)[z]` turns $z$ into an $(N, K)$ matrix with 1 for the true component and 0 elsewhere (one-hot encoding);
# it has the same shape as the responsibilities of chapter 03.

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4.8), sharex=True, sharey=True)
gt.plot.draw_points(axes[0], X)  # what EM sees: no labels
gt.plot.draw_points(axes[1], X, np.eye(truth.K)[z])  # colour = true component z
gt.plot.draw_ellipses(axes[1], truth, radii=(1, 2), linestyle="--")
gt.plot.draw_means(axes[1], truth)
for k, color in enumerate(gt.plot.component_colors(truth.K)):
    axes[1].scatter([], [], color=color, label=f"component {k}")
axes[1].legend(loc="lower left")
axes[0].set(title="Observed: x only", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
axes[1].set(title="Truth: coloured by component, true ellipses", xlabel="$x_1$", aspect="equal")
plt.show()

# %% [markdown] slide="subslide"
# 左の図だけを見ても、3 つのクラスタがあることはわかる。しかしクラスタの境目にある点、たとえば $(1.5, 1.5)$ 付近の点が
# 成分 0 と成分 1 のどちらから生まれたかは、左の図からは決められない。
#
# 破線の楕円は、平均からのマハラノビス距離が 1 と 2 の点の集まりである。内側の楕円には各成分の点の約 39 %、
# 外側の楕円には約 86 % が入る (02 章)。楕円の向きと形は、上で読んだ標準偏差と相関係数のとおりになっている。
#
# 真のパラメータがすべて分かっていれば、境目の点の成分を言い当てられるだろうか。
# 03 章で導く負担率 $p(z = k \mid \mathbf{x})$ を先取りして `gt.e_step` で計算し、各点で最も確率の高い成分を正解 $z$ と比べてみる。

# %% [markdown] lang="en"
# From the left panel alone you can tell that there are three clusters. But for a point on the border between clusters, say near $(1.5, 1.5)$,
# the left panel cannot decide whether it came from component 0 or component 1.
#
# The dashed ellipses are the points at Mahalanobis distance 1 and 2 from the mean. The inner ellipse contains about 39 % of each component's points,
# the outer one about 86 % (chapter 02). The orientation and shape of the ellipses match the standard deviations and correlation coefficients we read off above.
#
# If we knew all the true parameters, could we tell which component a border point came from?
# Anticipating the responsibilities $p(z = k \mid \mathbf{x})$ derived in chapter 03, we compute them with `gt.e_step` and compare each point's most probable component with its true $z$.

# %%
responsibilities, _ = gt.e_step(X, truth)  # (N, K) p(z = k | x_n) under the true parameters (chapter 03)
guess = responsibilities.argmax(axis=1)
print("points whose most probable component is not their true z:", np.sum(guess != z), "of", len(z))

# %% [markdown]
# 真のパラメータを使っても、1000 点のうち 21 点では、最も確率の高い成分が実際にその点を生んだ成分と一致しない。
# 成分どうしの裾が重なっているので、点の位置だけから $z$ を確実に決めることは原理的にできないのである。
# EM アルゴリズムが 0 か 1 かの割り当てではなく、負担率という確率的な割り当てを使うのはこのためである。

# %% [markdown] lang="en"
# Even with the true parameters, for 21 of the 1000 points the most probable component is not the component that actually generated the point.
# The tails of the components overlap, so it is impossible in principle to determine $z$ with certainty from a point's position alone.
# This is why the EM algorithm uses responsibilities, a probabilistic assignment, instead of a 0-or-1 assignment.

# %% [markdown] slide="slide"
# ## 本来の生成過程: 祖先サンプリング
#
# 混合ガウスモデルの定義どおりにデータを作るには、1 点ごとに成分を選べばよい。
# 手順 2 の「ガウス分布から引く」は、次のようにして行う。標準正規分布に従う $\boldsymbol{\varepsilon} \sim \mathcal{N}(\mathbf{0}, I)$ と、
# $\Sigma_k = L_k L_k^\top$ を満たす下三角行列 $L_k$ (コレスキー因子、02 章) を用意すると、
# $\mathbf{x} = \boldsymbol{\mu}_k + L_k \boldsymbol{\varepsilon}$ の平均は $\boldsymbol{\mu}_k$、
# 共分散は $L_k I L_k^\top = \Sigma_k$ になる。データを行ベクトルとして並べるときは $\mathbf{x}^\top = \boldsymbol{\mu}_k^\top + \boldsymbol{\varepsilon}^\top L_k^\top$
# と書けるので、コードでは `eps @ L[k].T` となる。

# %% [markdown] lang="en"
# ## The true generative process: ancestral sampling
#
# To make data exactly as the definition of the Gaussian mixture model says, pick a component for each point separately.
# Step 2, "draw from a Gaussian", works as follows. Take standard normal noise $\boldsymbol{\varepsilon} \sim \mathcal{N}(\mathbf{0}, I)$ and
# a lower triangular matrix $L_k$ with $\Sigma_k = L_k L_k^\top$ (the Cholesky factor, chapter 02). Then
# $\mathbf{x} = \boldsymbol{\mu}_k + L_k \boldsymbol{\varepsilon}$ has mean $\boldsymbol{\mu}_k$
# and covariance $L_k I L_k^\top = \Sigma_k$. With the data points stored as row vectors this reads $\mathbf{x}^\top = \boldsymbol{\mu}_k^\top + \boldsymbol{\varepsilon}^\top L_k^\top$,
# which in code is `eps @ L[k].T`.

# %%
def ancestral_sample(phi, mu, sigma, n, seed=None):
    rng = np.random.default_rng(seed)
    z = rng.choice(len(phi), size=n, p=phi)  # step 1: z_n ~ Categorical(phi), (n,)
    eps = rng.standard_normal((n, mu.shape[1]))  # standard normal noise, (n, d)
    L = np.linalg.cholesky(sigma)  # (K, d, d) with L[k] @ L[k].T == sigma[k]
    X = np.empty((n, mu.shape[1]))
    for k in range(len(phi)):  # step 2: x_n = mu_k + L_k eps_n for the points with z_n = k
        rows = z == k
        X[rows] = mu[k] + eps[rows] @ L[k].T
    return X, z


# %% [markdown]
# パッケージの `gt.sample` も同じ手順で標本を作る。同じシードを与えて比べてみる。

# %% [markdown] lang="en"
# The package's `gt.sample` makes samples by the same procedure. Let us compare the two with the same seed.

# %%
X_anc, z_anc = ancestral_sample(truth.phi, truth.mu, truth.sigma, 1000, seed=0)
X_pkg, z_pkg = gt.sample(truth, 1000, seed=0)
print("same z as gt.sample:", np.array_equal(z_anc, z_pkg))
print("same X as gt.sample:", np.allclose(X_anc, X_pkg))
print("points per component:", np.bincount(z_anc, minlength=truth.K))

# %% [markdown] slide="subslide"
# 手順も乱数列も同じなので、同じ点が得られた。ところが成分ごとの点数は 277、401、322 点であり、
# 教科書の 300、400、300 点とは違う。祖先サンプリングでは、各点が独立に成分を選ぶからである。
#
# なお、手順 2 を `rng.multivariate_normal(mu[k], sigma[k])` で 1 点ずつ行っても正しい祖先サンプリングになる。
# 乱数の使い方が違うので、点の座標は `gt.sample` とは一致しなくなるが、分布は同じである。
#
# 2 つのデータを並べて描く。

# %% [markdown] lang="en"
# The procedure and the random numbers are the same, so we get the same points. The counts per component, however, are 277, 401 and 322,
# not the textbook's 300, 400 and 300. This is because in ancestral sampling every point picks its component independently.
#
# Doing step 2 one point at a time with `rng.multivariate_normal(mu[k], sigma[k])` would also be correct ancestral sampling.
# It uses the random numbers differently, so the coordinates would no longer match `gt.sample`, but the distribution would be the same.
#
# Let us draw the two data sets side by side.

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4.8), sharex=True, sharey=True)
panels = [(X, z, "Textbook: fixed counts"), (X_anc, z_anc, "Ancestral sampling, seed 0")]
for ax, (data, labels, name) in zip(axes, panels):
    gt.plot.draw_points(ax, data, np.eye(truth.K)[labels])
    gt.plot.draw_ellipses(ax, truth, radii=(1, 2), linestyle="--")
    ax.set(title=f"{name}: {np.bincount(labels).tolist()}", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
plt.show()

# %% [markdown] slide="subslide"
# 見た目では、どちらが教科書のデータかはほとんど区別できない。2 つの生成法の違いは、1 回のデータの見た目ではなく、
# 成分ごとの点数の **ばらつき** に現れる。

# %% [markdown] lang="en"
# By eye you can hardly tell which of the two is the textbook's data. The difference between the two methods shows not in how a single data set looks,
# but in the **variability** of the counts per component.

# %% [markdown] slide="slide"
# ## 成分ごとの点数はどれだけばらつくか
#
# 祖先サンプリングで $N$ 点を引くとき、成分 $k$ から生まれる点の数 $N_k$ は、確率 $\phi_k$ で当たるくじを独立に $N$ 回引いたときの当たりの数である。
# したがって $N_k$ は二項分布 $\mathrm{Bin}(N, \phi_k)$ に従い (3 成分をまとめて見れば多項分布に従い)、
#
# $$
# \mathbb{E}[N_k] = N \phi_k, \qquad \mathrm{Var}[N_k] = N \phi_k (1 - \phi_k)
# $$
#
# であり、標準偏差は $\sqrt{N \phi_k (1 - \phi_k)}$ である。教科書の生成法は、この確率変数をいつも期待値 $N\phi_k$ (の切り捨て) に固定していることになる。
# シードを 1000 通り変えて祖先サンプリングを行い、成分 1 (混合係数 0.4) の点数を数えてみる。

# %% [markdown] lang="en"
# ## How much do the counts per component vary?
#
# When we draw $N$ points by ancestral sampling, the number $N_k$ of points from component $k$ is the number of wins in $N$ independent draws of a lottery that wins with probability $\phi_k$.
# So $N_k$ follows the binomial distribution $\mathrm{Bin}(N, \phi_k)$ (all three components together follow a multinomial distribution), with
#
# $$
# \mathbb{E}[N_k] = N \phi_k, \qquad \mathrm{Var}[N_k] = N \phi_k (1 - \phi_k)
# $$
#
# and standard deviation $\sqrt{N \phi_k (1 - \phi_k)}$. The textbook's method always fixes this random variable at its expectation $N\phi_k$ (rounded down).
# Let us run ancestral sampling with 1000 different seeds and count the points of component 1 (mixing coefficient 0.4).

# %%
n = 1000
z_runs = [gt.sample(truth, n, seed=s)[1] for s in range(1000)]  # the components of 1000 samples
counts = np.array([np.bincount(z_s, minlength=truth.K) for z_s in z_runs])  # (1000, K)
N_1, phi_1 = counts[:, 1], truth.phi[1]  # component 1
binomial_sd = np.sqrt(n * phi_1 * (1 - phi_1))
print(f"mean of N_1 over 1000 seeds: {N_1.mean():.1f}   (n phi_1 = {n * phi_1:.1f})")
print(f"sd of N_1 over 1000 seeds:   {N_1.std():.2f}   (sqrt(n phi_1 (1 - phi_1)) = {binomial_sd:.2f})")
print(f"seeds with exactly 400 points: {np.mean(N_1 == 400):.1%}")

# %% [markdown] slide="subslide"
# 平均はほぼ 400 点、標準偏差は二項分布の式の値 (約 15.5 点) に近い。ちょうど 400 点になるのは、1000 個のシードのうち 3 % にすぎない。
# 二項分布の確率関数 $P(N_k = m) = \binom{N}{m} \phi_k^m (1 - \phi_k)^{N - m}$ ($\phi_k = 0.4$) と重ねて、ヒストグラムを描く。

# %% [markdown] lang="en"
# The mean is almost exactly 400 points, and the standard deviation is close to the binomial formula's 15.5 points. Exactly 400 points come up for only 3 % of the 1000 seeds.
# We draw the histogram together with the probability mass function of the binomial distribution, $P(N_k = m) = \binom{N}{m} \phi_k^m (1 - \phi_k)^{N - m}$ ($\phi_k = 0.4$).

# %%
from math import comb
m = np.arange(340, 461)
pmf = np.array([comb(n, int(j)) * phi_1**j * (1 - phi_1) ** (n - j) for j in m])  # Binomial(n, phi_1)
fig, ax = plt.subplots(figsize=(6.5, 3.8))
ax.hist(N_1, bins=np.arange(337.5, 463, 5), density=True, color="0.75", label="ancestral sampling, 1000 seeds")
ax.plot(m, pmf, color="k", label="Binomial$(1000, 0.4)$")
ax.axvline(gt.textbook_counts()[1], color=gt.plot.PALETTE[5], linewidth=2.5, label="textbook: always 400")
ax.set(title="Points from component 1 in 1000 samples", xlabel="number of points", ylabel="probability")
ax.legend(loc="upper left", fontsize="small")
plt.show()
print(f"P(N_1 = 400) under Binomial(1000, 0.4): {pmf[m == 400][0]:.4f}")

# %% [markdown] slide="subslide"
# 灰色のヒストグラム (祖先サンプリング) は、黒の曲線 (二項分布) によく合い、400 を中心に左右に $\pm 30$ 点ほど広がっている。
# ちょうど 400 点になる確率は、二項分布で計算しても 0.0257 (約 2.6 %) しかない。
# 一方、教科書の生成法では成分 1 の点数はいつも 400 であり、分布は 400 の 1 点に集中する (朱色の縦線)。
# 教科書のデータは「成分ごとの点数が期待値どおりになったという条件のもとでの標本」であり、厳密には混合分布 $p(\mathbf{x})$
# からの独立な標本ではない。
#
# EM アルゴリズム自身はデータの作り方を知らず、与えられた $X$ だけを見るので、どちらのデータにも同じように使える。
# 違いが効いてくるのは、推定結果の良し悪しを判断するときである。
#
# - 教科書のデータでは、成分 1 の点の割合はちょうど $0.4$ である。本物の標本では、$z$ がすべて分かっていても割合 $N_k / N$ は
#   標準偏差 $\sqrt{\phi_k (1 - \phi_k) / N} \approx 0.015$ ($\phi_k = 0.4$) でばらつく。本物の標本から推定した成分 1 の混合係数が 0.4 から 0.015 程度ずれても、
#   それは推定の誤りではなく、標本そのもののばらつきである。
# - `int(w * n)` は切り捨てなので、点の総数が $N$ にならないことがある。また、点は成分の順に並んでいるので、
#   先頭の一部だけを取り出すと 1 つの成分の点しか入らない。次のセルで確かめる。

# %% [markdown] lang="en"
# The grey histogram (ancestral sampling) fits the black curve (the binomial distribution) well and spreads about $\pm 30$ points either side of 400.
# Even according to the binomial distribution, the probability of exactly 400 points is only 0.0257 (about 2.6 %).
# With the textbook's method, on the other hand, component 1 always has 400 points, so its distribution is concentrated on the single value 400 (the vermilion vertical line).
# The textbook's data are "a sample conditioned on every component's count coming out at its expected value"; strictly speaking, they are not an independent sample
# from the mixture $p(\mathbf{x})$.
#
# The EM algorithm itself knows nothing about how the data were made; it sees only the given $X$, so it works on either kind of data in the same way.
# The difference matters when you judge how good an estimate is.
#
# - In the textbook's data the share of component 1's points is exactly $0.4$. In a genuine sample, even if all of $z$ were known, the share $N_k / N$
#   varies with standard deviation $\sqrt{\phi_k (1 - \phi_k) / N} \approx 0.015$ ($\phi_k = 0.4$). If the mixing coefficient of component 1 estimated from a genuine sample is off from 0.4 by about 0.015,
#   that is not an error of the estimation but the variability of the sample itself.
# - `int(w * n)` rounds down, so the total number of points can fall short of $N$. And because the points are stored in the order of the components,
#   taking only the first few rows gives you points of a single component. The next cell checks both.

# %%
print("textbook counts for n = 1001:", gt.textbook_counts(1001), " total:", gt.textbook_counts(1001).sum())
print("components among the first 100 rows of X:", np.bincount(z[:100], minlength=truth.K))

# %% [markdown] slide="subslide"
# $N = 1001$ を指定しても 1000 点しかできない。また先頭の 100 行はすべて成分 0 の点である。
# データの一部を使うときは、`np.random.default_rng(0).permutation(len(X))` などで行を並べ替えてから取り出すとよい。

# %% [markdown] lang="en"
# Asking for $N = 1001$ still gives only 1000 points, and the first 100 rows are all points of component 0.
# When you use part of the data, shuffle the rows first, for example with `np.random.default_rng(0).permutation(len(X))`, and then take what you need.

# %% [markdown] slide="slide"
# ## ウィジェット: 真のモデルを動かす
#
# 下のウィジェットでは、真のモデルのパラメータ (成分ごとのタブにある平均、標準偏差、相関係数、混合係数) と
# データ数、乱数シードを変えて、祖先サンプリングで引いたデータと真の楕円がどう変わるかを確かめられる。
# 最初は教科書の真のモデルとシード 0 から始まるので、各成分の点数は上の `ancestral_sample(..., seed=0)` と同じ
# 277、401、322 点である。ウィジェットのタブも本文と同じく成分を 0 から数え、「成分 0」「成分 1」「成分 2」と並ぶ。
# 次のことを試してみよう。
#
# - ある成分の混合係数を小さくする。その成分の点が減り、他の成分の点が増える (混合係数は和が 1 になるよう正規化される)。
#   0 にすると、その成分の点は 1 つも生まれなくなる。
# - ある成分の相関係数を $0$ から $0.9$ まで動かす。楕円が円から細長い形へと傾いていく。$\pm 1$ ではガウス分布が直線上につぶれて
#   密度をもたなくなるので、ウィジェットは注意を表示する。
# - 乱数シードだけを変える。点の配置と各成分の点数が毎回変わるが、点数の変わり方は上で見た二項分布の幅 (標準偏差で約 15 点) 程度である。
#
# ウィジェットは、カーネルが動いている状態でセルを実行したときだけ操作できる。

# %% [markdown] lang="en"
# ## Widget: changing the true model
#
# In the widget below you can change the parameters of the true model (on one tab per component: "mean x", "mean y", "std x", "std y",
# "correlation ρ" and "weight φ", the mixing coefficient), the number of data points ("samples n") and the random seed ("random seed"),
# and see how the data drawn by ancestral sampling and the true ellipses change.
# It starts from the textbook's true model with seed 0, so the counts per component are 277, 401 and 322, the same as
# `ancestral_sample(..., seed=0)` above. The widget's tabs number the components from 0, like the text: "Component 0", "Component 1" and "Component 2".
# Try the following.
#
# - Make one component's mixing coefficient smaller. That component gets fewer points and the others more (the mixing coefficients are normalised to sum to 1).
#   At 0 the component produces no points at all.
# - Move one component's correlation coefficient from $0$ to $0.9$. The ellipse tilts and stretches from a circle into a long, thin shape. At $\pm 1$ the Gaussian is squashed onto a line
#   and has no density, so the widget shows a warning.
# - Change only the random seed. The positions of the points and the counts per component change every time, but the counts move only by about the width of the binomial distribution seen above (a standard deviation of about 15 points).
#
# The widget responds only when you have run its cell with a live kernel.

# %% slide="subslide"
# NBVAL_IGNORE_OUTPUT
gt.widgets.truth_explorer()

# %% [markdown] slide="slide"
# ## まとめ
#
# - 混合ガウスモデル $p(\mathbf{x}) = \sum_k \phi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$ は、
#   「確率 $\phi_k$ で成分 $z = k$ を選び、$\mathcal{N}(\boldsymbol{\mu}_k, \Sigma_k)$ から点を引く」という生成過程の周辺分布である。
#   $z$ は観測されない潜在変数である。
# - 教科書の章のデータは、成分ごとに `int(w * n)` 点を引いて並べたものであり、`gt.textbook_data()` はそれをビット単位で再現する。
# - 本来の祖先サンプリング (`gt.sample`) では、成分ごとの点数 $N_k$ は二項分布 $\mathrm{Bin}(N, \phi_k)$ に従い、
#   標準偏差 $\sqrt{N\phi_k(1-\phi_k)}$ (成分 1 では約 15.5 点) でばらつく。教科書の生成法はこれを期待値に固定している。
# - ガウス分布から点を引くには、コレスキー因子 $L$ ($\Sigma = LL^\top$) を用いて $\mathbf{x} = \boldsymbol{\mu} + L\boldsymbol{\varepsilon}$ とすればよい。

# %% [markdown] lang="en"
# ## Summary
#
# - The Gaussian mixture model $p(\mathbf{x}) = \sum_k \phi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$ is the marginal distribution of the generative process
#   "pick component $z = k$ with probability $\phi_k$, then draw a point from $\mathcal{N}(\boldsymbol{\mu}_k, \Sigma_k)$".
#   $z$ is a latent variable: it is never observed.
# - The textbook chapter's data draw `int(w * n)` points from each component and stack them; `gt.textbook_data()` reproduces them bit for bit.
# - In true ancestral sampling (`gt.sample`) the count $N_k$ of each component follows the binomial distribution $\mathrm{Bin}(N, \phi_k)$ and varies with
#   standard deviation $\sqrt{N\phi_k(1-\phi_k)}$ (about 15.5 points for component 1). The textbook's method fixes it at its expected value.
# - To draw a point from a Gaussian, use the Cholesky factor $L$ ($\Sigma = LL^\top$): $\mathbf{x} = \boldsymbol{\mu} + L\boldsymbol{\varepsilon}$.

# %% [markdown] slide="slide"
# ## 演習
#
# 各演習では、関数のひな形のセルを書き換えて実行し、次のセルで採点関数 (`gt.checks`) を実行する。
# 採点関数は決まったテストケースで関数を呼び、パッケージ `gmm_teach` の答えと比べ、よくある誤りに当てはまればそれをヒントとして示す。

# %% [markdown] lang="en"
# ## Exercises
#
# In each exercise, edit and run the cell with the function's template, then run the next cell, which calls a checker (`gt.checks`).
# A checker calls your function on fixed test cases, compares the answers with those of the package `gmm_teach`, and when a typical mistake fits, names it in a hint.

# %% [markdown] tags=["solution-note"] slide="skip"
# 解答例は演習の後の折りたたまれたセルにある。

# %% [markdown] lang="en" tags=["solution-note"]
# Worked solutions are in the collapsed cells after the exercises.

# %% [markdown] slide="subslide"
# ### 演習 1: 点数を多項分布から引く
#
# 教科書の生成法は、1 か所を直すだけで、点の並び順を除いて祖先サンプリングと同じ分布の標本を作るようになる。成分ごとの点数を `int(w * n)` に固定する代わりに、
# 多項分布から $(N_1, \dots, N_K) \sim \mathrm{Mult}(N, \boldsymbol{\phi})$ として引けばよい
# (numpy では `rng.multinomial(n, phi)`)。そのあとは教科書と同じく、成分ごとに $N_k$ 点をガウス分布から引いて縦に並べる。
#
# 関数 `multinomial_sample(phi, mu, sigma, n, seed)` を完成させよ。返り値は `(X, z)` で、`X` は $(N, D)$ 配列、
# `z` は各点の成分番号 (0 から $K-1$) の $(N,)$ 配列とする。乱数は `np.random.default_rng(seed)` から引くこと。
#
# 採点関数 `gt.checks.check_sampler` は標本を 1 つずつ比べるのではなく、分布を調べる。2 つのモデル (教科書の 3 成分と、4 成分のもの) について
# シード 0〜199 の 200 個の標本を引き、毎回ちょうど $N$ 点あるか、同じシードで同じ標本になるか、成分ごとの点数の平均とばらつきが
# 二項分布 $\mathrm{Bin}(N, \phi_k)$ に合うか (標準偏差の比が 1 に近いか)、成分ごとの点の平均と共分散が真の値に近いかを調べる。
# 確率的な検査であるが、正しい実装が不合格になる確率は無視できるほど小さい。
#
# この方法で作った標本の分布が祖先サンプリングと同じになる理由も考えてみよ (ヒント: 祖先サンプリングで各成分の点数 $N_k$ が
# 決まったとき、各点の座標はどう分布するか。点の並び順は分布に関係するか)。

# %% [markdown] lang="en"
# ### Exercise 1: drawing the counts from a multinomial distribution
#
# Fix a single place in the textbook's method and it produces samples with the same distribution as ancestral sampling, apart from the order of the points. Instead of fixing the count of each component at `int(w * n)`,
# draw the counts from a multinomial distribution, $(N_1, \dots, N_K) \sim \mathrm{Mult}(N, \boldsymbol{\phi})$
# (in numpy, `rng.multinomial(n, phi)`). After that, as in the textbook, draw $N_k$ points from each component's Gaussian and stack them vertically.
#
# Complete the function `multinomial_sample(phi, mu, sigma, n, seed)`. It returns `(X, z)`, where `X` is an $(N, D)$ array
# and `z` is an $(N,)$ array of each point's component number (0 to $K-1$). Draw the random numbers from `np.random.default_rng(seed)`.
#
# The checker `gt.checks.check_sampler` does not compare samples one by one; it examines their distribution. For two models (the textbook's three components and one with four)
# it draws 200 samples with the seeds 0–199 and checks that there are exactly $N$ points every time, that the same seed gives the same sample, that the counts per component
# have the mean and the spread of the binomial distribution $\mathrm{Bin}(N, \phi_k)$ (a ratio of standard deviations close to 1), and that each component's points have the true mean and covariance.
# The test is random, but the chance that a correct implementation fails it is negligibly small.
#
# Also think about why samples made this way have the same distribution as ancestral sampling (hint: in ancestral sampling, once the count $N_k$ of each component
# is fixed, how are the coordinates of the points distributed? Does the order of the points matter for the distribution?).

# %% slide="skip"
def multinomial_sample(phi, mu, sigma, n, seed=None):
    """X (n, d) and z (n,): counts from Multinomial(n, phi), then N_k points from N(mu_k, sigma_k)."""
    rng = np.random.default_rng(seed)
    # TODO: draw the counts, then the points of each component
    return None


# %% slide="skip"
gt.checks.check_sampler(multinomial_sample)

# %% [markdown] slide="subslide"
# ### 演習 2: 成分ごとの経験共分散
#
# 教科書のデータ `X` と正解の成分 `z` から、成分 $k$ に属する点だけの共分散行列 (最尤推定)
#
# $$
# S_k = \frac{1}{N_k} \sum_{n:\, z_n = k} (\mathbf{x}_n - \bar{\mathbf{x}}_k)(\mathbf{x}_n - \bar{\mathbf{x}}_k)^\top,
# \qquad \bar{\mathbf{x}}_k = \frac{1}{N_k} \sum_{n:\, z_n = k} \mathbf{x}_n
# $$
#
# を計算する関数 `empirical_covariance(X, z, k)` を完成させよ (`k` はコードの成分番号 0、1、2)。
# `np.cov` を使う場合は、既定では $N_k - 1$ で割ることに注意せよ。
#
# 採点関数 `gt.checks.check_empirical_covariance` は、小さなデータ 3 組のすべての成分について、答えを M ステップ (04 章) に
# 「正解の成分だけが 1」の負担率を渡した結果と比べる。それは成分ごとの最尤推定の共分散行列そのものである。

# %% [markdown] lang="en"
# ### Exercise 2: the empirical covariance of each component
#
# From the textbook's data `X` and the true components `z`, compute the covariance matrix (maximum likelihood estimate) of the points of component $k$ alone,
#
# $$
# S_k = \frac{1}{N_k} \sum_{n:\, z_n = k} (\mathbf{x}_n - \bar{\mathbf{x}}_k)(\mathbf{x}_n - \bar{\mathbf{x}}_k)^\top,
# \qquad \bar{\mathbf{x}}_k = \frac{1}{N_k} \sum_{n:\, z_n = k} \mathbf{x}_n
# $$
#
# by completing the function `empirical_covariance(X, z, k)` (`k` is the code's component number 0, 1 or 2).
# If you use `np.cov`, note that by default it divides by $N_k - 1$.
#
# The checker `gt.checks.check_empirical_covariance` compares your answer, for every component of three small data sets, with the result of the M-step (chapter 04)
# given responsibilities that are 1 for the true component only; that is exactly the maximum likelihood covariance matrix of each component.

# %% slide="skip"
def empirical_covariance(X, z, k):
    """Maximum-likelihood covariance (divided by N_k) of the rows of X with z == k, shape (d, d)."""
    # TODO: select the points of component k, subtract their mean, average the outer products
    return None


# %% slide="skip"
gt.checks.check_empirical_covariance(empirical_covariance)

# %% [markdown] tags=["solution-note"] slide="skip"
# ### 解答例
#
# 自分で考えてから開くこと。演習 1 の解答例:

# %% [markdown] lang="en" tags=["solution-note"]
# ### Worked solutions
#
# Think the exercises through yourself before you open these. Exercise 1:

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/01_data_generation.py#multinomial_sample

# %% [markdown]
# 点数のばらつきが二項分布の標準偏差とほぼ等しく (比が 1 に近く)、成分ごとの平均と共分散も真の値に近い。
# 祖先サンプリングでは、点数 $(N_1, \dots, N_K)$ が決まったという条件のもとで、成分 $k$ に属する $N_k$ 個の点は
# $\mathcal{N}(\boldsymbol{\mu}_k, \Sigma_k)$ からの独立な標本である。したがって「まず点数を多項分布から引き、次に成分ごとに点を引く」方法は、
# 点の並び順を除いて祖先サンプリングと同じ分布を与える。EM アルゴリズムの結果は点の並び順によらない。
# 教科書の生成法は、この第 1 段階の多項分布を期待値で置き換えたものだったのである。
#
# 確認のため、教科書の生成法をそのまま関数にして同じ採点関数にかけてみる。

# %% [markdown] lang="en"
# The counts vary almost exactly like the binomial standard deviation (ratios close to 1), and each component's mean and covariance are close to the true values.
# In ancestral sampling, given the counts $(N_1, \dots, N_K)$, the $N_k$ points that belong to component $k$ are
# an independent sample from $\mathcal{N}(\boldsymbol{\mu}_k, \Sigma_k)$. So "first draw the counts from the multinomial distribution, then draw the points component by component"
# gives the same distribution as ancestral sampling, apart from the order of the points. The result of the EM algorithm does not depend on the order of the points.
# The textbook's method, then, simply replaced this first, multinomial stage by its expected value.
#
# To confirm this, let us turn the textbook's method, unchanged, into a function and put it through the same checker.

# %% slide="skip"
def textbook_sample(phi, mu, sigma, n, seed=None):
    rng = np.random.default_rng(seed)
    counts = [int(w * n) for w in phi]  # fixed, as in the chapter
    X = np.vstack([rng.multivariate_normal(mu[k], sigma[k], counts[k]) for k in range(len(phi))])
    return X, np.repeat(np.arange(len(phi)), counts)


gt.checks.check_sampler(textbook_sample)

# %% [markdown]
# 点の座標はどれも正しいガウス分布から引かれているが、点数がシードによらず一定なので不合格になる。
# 1 回分のデータの見た目では区別できなかった 2 つの生成法の違いが、多数の標本をとるとはっきり現れる。

# %% [markdown] lang="en"
# Every point is drawn from the right Gaussian, but the counts are the same for every seed, so the checker rejects it.
# The difference between the two methods, invisible in how a single data set looks, shows up clearly once we take many samples.

# %% [markdown] tags=["solution-note"] slide="skip"
# 演習 2 の解答例と、その答えで計算した $S_k$ と真の $\Sigma_k$ の要素の差の最大値 (成分ごと):

# %% [markdown] lang="en" tags=["solution-note"]
# The worked solution of Exercise 2, and the largest difference between the entries of $S_k$, computed with it, and the true $\Sigma_k$ (for each component):

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/01_data_generation.py#empirical_covariance

# %% tags=["solution-note"] slide="skip"
S = np.array([empirical_covariance(X, z, k) for k in range(truth.K)])  # (K, d, d)
print("largest |S_k - Sigma_k| for components 0, 1, 2:", np.round(np.abs(S - truth.sigma).max(axis=(1, 2)), 3))

# %% [markdown] tags=["solution-note"] slide="skip"
# 正解の成分が分かっていても、経験共分散 $S_k$ と真の $\Sigma_k$ の要素の差は、成分ごとの最大値で 0.065〜0.174 ある。
# 300〜400 点から推定した共分散の各要素は、おおよそ $\sqrt{(\Sigma_{ii}\Sigma_{jj} + \Sigma_{ij}^2) / N_k} \approx 0.06$〜$0.12$ の
# 標準偏差でばらつくからである。成分が分からない状態から推定する EM アルゴリズムの結果も、真の値からこの程度はずれると考えるべきである。
# 05 章で EM の推定結果を真の値と比べるときは、この程度の差があって当然であることを覚えておこう。

# %% [markdown] lang="en" tags=["solution-note"]
# Even when the true components are known, the entries of the empirical covariance $S_k$ differ from the true $\Sigma_k$ by up to 0.065–0.174 (the largest difference for each component).
# This is because each entry of a covariance estimated from 300–400 points varies with a standard deviation of roughly $\sqrt{(\Sigma_{ii}\Sigma_{jj} + \Sigma_{ij}^2) / N_k} \approx 0.06$–$0.12$.
# The EM algorithm, which estimates without knowing the components, should be expected to be off from the true values by about this much as well.
# Keep in mind, when chapter 05 compares EM's estimates with the true values, that differences of this size are only to be expected.

# %% [markdown] slide="subslide"
# 次は [02 ガウス分布の確率密度](02_gaussian_pdf.ipynb) である。

# %% [markdown] lang="en"
# Next: [02 The Gaussian density](02_gaussian_pdf.ipynb).
