# %% [markdown] slide="slide"
# # 10 実データと scikit-learn ── iris データ、共分散行列の型、対応表
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/10_real_data_sklearn.ipynb) (インストール不要。Google アカウントで実行できる)
#
# ここまでの章では、真の分布がわかっている人工的なデータだけを扱ってきた。本章では実際に測定されたデータとして
# iris (アヤメ) のデータに混合ガウスモデルを当てはめ、推定した成分と既知の種 (品種) を比べる。実データでは、
# 人工データでは起きなかったことが起きる。測定値の丸めが作る見かけ上の「最良の解」もその一つである。
# 続いて共分散行列の 4 つの型 (full、diag、spherical、tied) を比べ、最後に同じ推定を実務で使われる
# scikit-learn の `GaussianMixture` で行い、同じ初期値から同じ答えが得られることを確かめる。
# `gmm_teach` の名前と scikit-learn の名前の対応表を作り、次の一歩へ橋渡しする。
#
# **この章で学ぶこと**
# - iris データの出所とライセンス、`sklearn.datasets.load_iris` での読み込み
# - 実データで起きる見かけ上の最良解 (丸められた測定値と特異点) と、`reg_covar` の決め方
# - 推定した成分と既知の種の比較: `gt.match_components` による対応づけと混同行列
# - 共分散行列の 4 つの型: M ステップの式、パラメータの数、対数尤度・BIC・正解率の比較
# - scikit-learn の `GaussianMixture` で同じ初期値から同じ推定を行うこと、`tol` の意味の違い
# - `gmm_teach` の名前と scikit-learn の名前の対応表
#
# **前提**: [05 EM アルゴリズム](05_em_algorithm.ipynb) (`gt.fit`、局所最適解、`gt.match_components`)、
# [09 K の選び方](09_choosing_k.ipynb) (パラメータの数、BIC)。[08 EM がうまくいかないとき](08_where_em_fails.ipynb) の
# 特異点と `reg_covar` の話を知っているとなおよい。scikit-learn が入っていること (`requirements.txt` に含まれている)。

# %% [markdown] lang="en"
# # 10 Real data and scikit-learn: the iris data, covariance types, and a map of names
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/10_real_data_sklearn.ipynb) (nothing to install; runs with a Google account)
#
# Until now we have worked only with artificial data whose true distribution we knew. In this chapter we fit a Gaussian
# mixture to measured data, the iris data, and compare the estimated components with the known species. Real data bring
# surprises that artificial data did not, such as an apparently "best" solution created by rounded measurements. We then
# compare the four covariance types (full, diag, spherical, tied), and finally do the same fit with scikit-learn's
# `GaussianMixture`, the tool used in practice, and check that the same initial values give the same answer. A table that
# maps every `gmm_teach` name to scikit-learn's prepares you for the next step.
#
# **What you will learn**
# - Where the iris data come from and under which licence; loading them with `sklearn.datasets.load_iris`
# - An apparently best solution that real data can produce (rounded measurements and a singularity), and how to choose
#   `reg_covar`
# - Comparing the estimated components with the known species: matching with `gt.match_components` and a confusion table
# - The four covariance types: their M-steps, their numbers of parameters, and their log-likelihood, BIC and accuracy
# - Doing the same fit with scikit-learn's `GaussianMixture` from the same initial values; what `tol` means in each
# - A table that maps the names of `gmm_teach` to those of scikit-learn
#
# **Prerequisites**: [05 The EM algorithm](05_em_algorithm.ipynb) (`gt.fit`, local optima, `gt.match_components`),
# [09 Choosing K](09_choosing_k.ipynb) (the number of parameters, BIC). It helps to know about singularities and `reg_covar`
# from [08 Where EM fails](08_where_em_fails.ipynb). scikit-learn must be installed (it is in `requirements.txt`).

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

# %% [markdown] slide="subslide"
# この章では scikit-learn を使う。scikit-learn と一緒に入る `threadpoolctl` で、行列計算 (BLAS) のスレッドを 1 つに
# 制限しておく。numpy と scipy はそれぞれ別の OpenBLAS を持っており、コアの少ない計算機では両者のスレッドが取り合って
# scikit-learn の小さな計算が何十倍も遅くなることがあるためである (このデータの大きさでは 1 スレッドで何も損をしない)。

# %% [markdown] lang="en"
# This chapter uses scikit-learn. With `threadpoolctl`, which comes with scikit-learn, we limit the threads of the matrix
# routines (BLAS) to one: numpy and scipy each bring their own OpenBLAS, and on a machine with few cores their threads
# fight over the cores and can make scikit-learn's small computations dozens of times slower (with data this small, one
# thread loses nothing).

# %%
import warnings

from sklearn.datasets import load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits

blas_threads = threadpool_limits(limits=1)  # one thread for numpy's and scipy's OpenBLAS (see above)

# %% [markdown] slide="slide"
# ## iris データ
#
# iris データは、アヤメ属の 3 種 (*setosa*、*versicolor*、*virginica*) 各 50 個体について、がく片 (sepal) と花弁 (petal) の
# 長さと幅をセンチメートルで測った 150 行 4 列のデータである。測定したのは植物学者の Edgar Anderson で、
# 統計学者の R. A. Fisher が判別分析の論文 (Fisher, 1936, *Annals of Eugenics* 7, 179–188) で用いたことで広く知られるようになった。
#
# **出所とライセンス.** scikit-learn はこのデータを CSV ファイルとしてパッケージの中に同梱しており
# (`sklearn/datasets/data/iris.csv`)、`load_iris()` はネットワークに接続せずにそれを読む。scikit-learn 自体は
# BSD 3 条項ライセンスで配布されている。同じデータは UCI Machine Learning Repository でも公開されており、
# そこでは CC BY 4.0 ライセンスが表示されている。1936 年に公表された測定値そのものは、一般にパブリックドメインとして
# 扱われている。本教材はデータを再配布せず、利用者の環境に入った scikit-learn のファイルを読むだけである。使うときは
# Fisher (1936) と UCI のリポジトリを出典として挙げるとよい。なお scikit-learn の説明 (`load_iris().DESCR`) によれば、
# 同梱のデータは Fisher の論文の値と同じで、UCI 版とは誤りのある 2 点が異なる。

# %% [markdown] lang="en"
# ## The iris data
#
# The iris data give, for 50 flowers of each of three species of iris (*setosa*, *versicolor*, *virginica*), the length and
# width of the sepals and of the petals in centimetres: 150 rows and 4 columns. The botanist Edgar Anderson made the
# measurements; the data became famous when the statistician R. A. Fisher used them in his paper on discriminant analysis
# (Fisher, 1936, *Annals of Eugenics* 7, 179–188).
#
# **Source and licence.** scikit-learn ships the data as a CSV file inside its package (`sklearn/datasets/data/iris.csv`),
# and `load_iris()` reads that file without any network access. scikit-learn itself is distributed under the BSD 3-Clause
# licence. The same data are published in the UCI Machine Learning Repository, which shows a CC BY 4.0 licence for them.
# The measurements themselves were published in 1936 and are generally treated as being in the public domain. This course
# does not redistribute the data; it only reads the file of the scikit-learn installed on your machine. When you use them,
# cite Fisher (1936) and the UCI repository. According to scikit-learn's description (`load_iris().DESCR`), the bundled
# copy has the values of Fisher's paper and differs from the UCI copy in two points that are wrong there.

# %% slide="subslide"
iris = load_iris()
X, y = iris.data, iris.target  # X (150, 4) in cm; y (150,) the species 0, 1, 2
n, d = X.shape
species = [str(name) for name in iris.target_names]
print("X:", X.shape, "| features:", iris.feature_names)
print("species:", species, "| flowers per species:", np.bincount(y))
print("distinct values of petal width (cm):", np.unique(X[:, 3]))

# %% slide="subslide"
colors = gt.plot.component_colors(len(species))
fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
for ax, (i, j), part in zip(axes, [(0, 1), (2, 3)], ("Sepal", "Petal")):
    for c in range(len(species)):
        ax.scatter(X[y == c, i], X[y == c, j], s=14, color=colors[c], alpha=0.7, label=species[c])
    ax.set(title=f"{part} length and width by species", xlabel=iris.feature_names[i], ylabel=iris.feature_names[j])
    ax.legend()
plt.show()

# %% [markdown]
# 花弁の図 (右) では *setosa* がほかの 2 種から大きく離れているが、*versicolor* と *virginica* は境目で重なっている。
# 種の情報を使わずに 3 つのクラスタに分けられるかどうかは、この重なりにかかっている。
#
# また、測定値は 0.1 cm 単位に丸められている。花弁の幅がとる値は 22 通りしかなく、同じ値の点が多数重なっている
# (図では重なった点は 1 つに見える)。この丸めが次の節で効いてくる。

# %% [markdown] lang="en"
# In the petal plot (right) *setosa* lies far from the other two species, but *versicolor* and *virginica* overlap at their
# border. Whether the data can be split into three groups without knowing the species depends on that overlap.
#
# Note also that the measurements are rounded to 0.1 cm. The petal width takes only 22 different values, and many points
# lie exactly on top of each other (in the plot they look like one point). This rounding matters in the next section.

# %% [markdown] slide="slide"
# ## gmm_teach で推定する ── 見かけ上の最良解に注意
#
# 4 つの特徴量すべてを使い、$K = 3$ の full 型の混合ガウスモデルを当てはめる。局所最適解を避けるため、
# k-means++ の初期化をシード 0〜19 の 20 通り試し、最終的な対数尤度を比べる。`reg_covar` は既定の $10^{-6}$ のままにする。

# %% [markdown] lang="en"
# ## Fitting with gmm_teach: beware an apparently best solution
#
# We use all four features and fit a full-type Gaussian mixture with $K = 3$. To avoid local optima we try 20 k-means++
# initialisations (seeds 0 to 19) and compare the final log-likelihoods. `reg_covar` stays at its default, $10^{-6}$.

# %%
runs = [gt.fit(X, 3, seed=seed, max_iter=1000) for seed in range(20)]
final = np.array([r.log_likelihoods[-1] for r in runs])
print("final log-likelihood by seed:", np.round(final, 1))
top = runs[int(np.argmax(final))]
print(f"highest: seed {np.argmax(final)}, log-likelihood {final.max():.2f}, phi {np.round(top.params.phi, 3)}")

# %% [markdown] slide="subslide"
# シード 16 だけが、対数尤度 $-99.2$ という飛び抜けて高い値に到達した。ほかのシードの最良値は $-180.2$ である。
# 数字の上ではシード 16 の解が最良であるが、その中身を調べる。各成分の共分散行列の最小固有値 (いちばん狭い方向の分散) と、
# その成分が受け持つ点を見る。

# %% [markdown] lang="en"
# Seed 16 alone reached a log-likelihood of $-99.2$, far above the others; the best of the other seeds is $-180.2$. On paper
# the solution of seed 16 is the best, so let us look inside it: the smallest eigenvalue of each component's covariance
# matrix (the variance in its narrowest direction) and the points the component takes.

# %%
smallest = np.array([np.linalg.eigvalsh(s).min() for s in top.params.sigma])
k = int(np.argmin(smallest))
members = top.responsibilities[:, k] > 0.5
print("smallest variance of each component:", [f"{v:.1e}" for v in smallest])
print(f"component {k}: {members.sum()} flowers, species {np.unique(y[members])}, petal widths {np.unique(X[members, 3])}")
print(f"variance of petal width in component {k}: {top.params.sigma[k, 3, 3]:.1e} (reg_covar = 1e-6)")
print("setosa flowers whose petal width is recorded as 0.2 cm:", np.sum((y == 0) & (X[:, 3] == 0.2)))

# %% [markdown] slide="subslide"
# 成分 1 は、花弁の幅がちょうど 0.2 cm と記録された *setosa* の 29 個体だけを受け持っている。29 点の花弁の幅がすべて同じなので、
# その方向の分散は 0 になり、残っているのは `reg_covar` で足した $10^{-6}$ だけである。分散が小さいほど
# その方向の密度は高くなり、29 点それぞれの対数尤度が大きく稼げる。`reg_covar` がなければ対数尤度は際限なく大きくなる
# (08 章の特異点)。この「最良の解」は花の性質ではなく、測定値を 0.1 cm に丸めたことが作ったものである。
#
# 丸めの幅を $h = 0.1$ cm とすると、丸めの誤差はおよそ $[-h/2, h/2]$ の一様分布に従い、その分散は
# $h^2/12 \approx 0.0008$ である。これより小さな分散は、測定の精度より細かいことを言っていることになる。
# そこで `reg_covar` を丸めの分散と同じ程度の $10^{-3}$ に上げて、20 通りの初期値で推定し直す。

# %% [markdown] lang="en"
# Component 1 takes exactly the 29 *setosa* flowers whose petal width was recorded as 0.2 cm. All 29 points have the same
# petal width, so the variance in that direction is 0; all that remains is the $10^{-6}$ added by `reg_covar`. The smaller a
# variance, the higher the density in that direction, and each of the 29 points gains a lot of log-likelihood. Without
# `reg_covar` the log-likelihood would grow without limit (the singularities of chapter 08). This "best solution" is not a
# property of the flowers; rounding the measurements to 0.1 cm created it.
#
# With a rounding step of $h = 0.1$ cm, the rounding error is roughly uniform on $[-h/2, h/2]$, with variance
# $h^2/12 \approx 0.0008$. A variance smaller than that claims more than the precision of the measurements. So we raise
# `reg_covar` to $10^{-3}$, the size of the rounding variance, and fit again from the 20 initialisations.

# %%
reg = 1e-3  # about the variance of the rounding error, 0.1**2 / 12
runs = [gt.fit(X, 3, seed=seed, reg_covar=reg, max_iter=1000) for seed in range(20)]
final = np.array([r.log_likelihoods[-1] for r in runs])
values, counts = np.unique(np.round(final, 2), return_counts=True)
print("distinct final log-likelihoods:", values[::-1])
print("reached by this many seeds:    ", counts[::-1])
best_seed = int(np.argmax(final))
result = runs[best_seed]
print(f"best: seed {best_seed}, {result.n_iter} iterations, phi {np.round(result.params.phi, 3)}")

# %% [markdown] slide="subslide"
# 見かけ上の解は消え、最良の対数尤度は $-180.57$ になった。20 通りのうちこの値に到達したのは 2 通りだけで、
# 13 通りは $-186.92$ の局所最適解に止まった。実データでは、初期値を何通りも試すことが欠かせない。
# 以後はこの最良の推定 (`result`) を使う。
#
# 最良の解を選ぶときは、対数尤度の値だけでなく、成分の大きさ (混合係数) と共分散行列の最小固有値も確かめる習慣をつけるとよい。
# 極端に細い成分は、データの性質ではなく測定や前処理の痕跡であることが多い。

# %% [markdown] lang="en"
# The apparent solution is gone and the best log-likelihood is now $-180.57$. Only 2 of the 20 initialisations reached it;
# 13 stopped at a local optimum with $-186.92$. With real data, trying many initial values is essential. From here on we use
# this best fit (`result`).
#
# When you pick the best solution, make it a habit to check not only the log-likelihood but also the sizes of the components
# (the mixing coefficients) and the smallest eigenvalues of their covariance matrices. An extremely thin component is more
# often a trace of the measurement or the preprocessing than a property of the data.

# %% [markdown] slide="slide"
# ## 推定した成分と種を比べる
#
# 推定には種のラベル `y` を一度も使っていない。推定が終わった後で、各成分がどの種に当たるかを決め、答え合わせをする。
# 成分の番号は種の番号と一致するとは限らない (05 章のラベルの入れ替わり) ので、各種の平均 (クラス平均) を「真の平均」と見立て、
# `gt.match_components` で平均どうしの距離が最小になる対応 `order` を求める。`order[c]` が種 $c$ に当たる成分の番号である。
# 各花は負担率が最大の成分に割り当て、その成分に当たる種を「推定した種」とする。

# %% [markdown] lang="en"
# ## Comparing the components with the species
#
# The fit never used the species labels `y`. Only now, after fitting, do we decide which species each component stands for
# and check the answers. The component numbers need not match the species numbers (label switching, chapter 05), so we take
# the mean of each species (the class means) as the "true means" and use `gt.match_components` to find the pairing `order`
# with the smallest total distance between paired means: `order[c]` is the component that stands for species $c$. Each
# flower goes to its most responsible component, and that component's species is the "estimated species".

# %%
class_means = np.array([X[y == c].mean(axis=0) for c in range(len(species))])


def confusion(res):
    """(confusion table, accuracy): rows are the true species, columns the species of each flower's component."""
    order = gt.match_components(res.params, class_means)  # component order[c] stands for species c
    estimated = np.argsort(order)[res.responsibilities.argmax(axis=1)]  # argsort inverts the permutation
    table = np.zeros((len(species), len(species)), dtype=int)
    np.add.at(table, (y, estimated), 1)
    return table, np.trace(table) / len(y)


# %% slide="subslide"
table, accuracy = confusion(result)
print("order:", gt.match_components(result.params, class_means))
print(f"{'true / estimated':>18}" + "".join(f"{s:>12}" for s in species))
for c in range(len(species)):
    print(f"{species[c]:>18}" + "".join(f"{v:>12d}" for v in table[c]))
print(f"accuracy: {accuracy:.3f} ({n - np.trace(table)} of {n} flowers in the component of another species)")

# %% [markdown]
# 混同行列 (confusion table) の行は本当の種、列は推定した種である。*setosa* の 50 個体はすべて正しく 1 つの成分に集まり、
# 誤りは *versicolor* と *virginica* の間の 5 個体だけで、正解率は 0.967 である。ラベルを一度も見ずにここまで分けられるのは、
# 各種の測定値がおおむね楕円形のクラスタをなしているからである。誤った花がどこにあるかを花弁の図で見る。
# 4 次元の混合ガウスモデルを 2 つの特徴量だけの図に描くには、平均のその 2 成分と、共分散行列のその 2 × 2 の部分を取り出せばよい。
# 正規分布の一部の座標の分布 (周辺分布) は、ちょうどそのような正規分布になるからである。

# %% [markdown] lang="en"
# The rows of the confusion table are the true species and the columns the estimated ones. All 50 *setosa* flowers gather
# correctly in one component; the only mistakes are 5 flowers between *versicolor* and *virginica*, and the accuracy is
# 0.967. That the data can be split this well without ever looking at the labels is because each species' measurements
# form a roughly elliptical cluster. Let us see in the petal plane where the misassigned flowers are. To draw a
# four-dimensional Gaussian mixture on two features only, take those two entries of each mean and the 2 × 2 block of each
# covariance matrix: the distribution of some of the coordinates of a Gaussian (its marginal distribution) is exactly that
# Gaussian.

# %%
def on_features(params, features=(2, 3)):
    """The marginal mixture of two features: those entries of each mean, that 2 x 2 block of each covariance."""
    f = list(features)
    return gt.GMMParams(params.phi, params.mu[:, f], params.sigma[:, f][:, :, f])


# %% slide="subslide"
order = gt.match_components(result.params, class_means)
aligned = result.params.permute(order)  # component c now stands for species c (same colours as above)
wrong = np.argsort(order)[result.responsibilities.argmax(axis=1)] != y
fig, ax = plt.subplots(figsize=(8, 4.4))
gt.plot.draw_points(ax, X[:, 2:], result.responsibilities[:, order])
gt.plot.draw_ellipses(ax, on_features(aligned), radii=(1, 2))
gt.plot.draw_means(ax, on_features(aligned))
ax.scatter(X[wrong, 2], X[wrong, 3], s=120, facecolors="none", edgecolors="black", linewidths=1.5,
           label="in another species' component")
ax.set(title="Full GMM (K = 3) on iris: petal features", xlabel=iris.feature_names[2], ylabel=iris.feature_names[3],
       xlim=(0.5, 7.5), ylim=(-0.4, 2.9), aspect="equal")
ax.legend(loc="upper left")
plt.show()

# %% [markdown] slide="subslide"
# 黒い丸で囲んだ 5 個体は、どれも *versicolor* (橙) と *virginica* (緑) の楕円が重なる境目にある。花弁の図だけで見ると
# 楕円は重なっているが、4 つの特徴量すべてを使うことで多くの花は正しく分けられている。
#
# では、種の数を知らなかったら、09 章の BIC はいくつの成分を選ぶだろうか。$K = 2$ も同じく 20 通りの初期値で推定して比べる。

# %% [markdown] lang="en"
# The 5 circled flowers all lie on the border where the ellipses of *versicolor* (orange) and *virginica* (green) overlap.
# In the petal plane alone the ellipses overlap, but with all four features most flowers are separated correctly.
#
# Now suppose we did not know the number of species: how many components would the BIC of chapter 09 choose? We fit $K = 2$
# from 20 initialisations as well and compare.

# %%
runs_2 = [gt.fit(X, 2, seed=seed, reg_covar=reg, max_iter=1000) for seed in range(20)]
result_2 = max(runs_2, key=lambda r: r.log_likelihoods[-1])
print(f"K = 2: log-likelihood {result_2.log_likelihoods[-1]:.2f}, BIC {gt.bic(X, result_2.params):.1f}")
print(f"K = 3: log-likelihood {result.log_likelihoods[-1]:.2f}, BIC {gt.bic(X, result.params):.1f}")

# %% [markdown]
# BIC は $K = 2$ のほうを選ぶ。$K = 3$ にすると対数尤度は 34 ほど上がるが、その $-2$ 倍の 68 ほどの改善は、
# 15 個増えるパラメータの罰 $15 \ln 150 \approx 75$ に届かない。150 点では、重なり合う *versicolor* と *virginica* を別の成分に分ける証拠として
# 足りないのである。3 種あることは植物学の知識であって、4 つの測定値の分布だけから言えることではない。
# 09 章の「目的を先に決める」を思い出すとよい。種に分けたいという目的がはっきりしていれば $K = 3$ を選んでよい。

# %% [markdown] lang="en"
# BIC chooses $K = 2$. Going to $K = 3$ raises the log-likelihood by about 34; twice that, about 68, falls short of the
# penalty for the 15 extra parameters, $15 \ln 150 \approx 75$. With 150 points there is not enough evidence to give the overlapping *versicolor* and
# *virginica* a component each. That there are three species is botanical knowledge, not something the distribution of four
# measurements says by itself. Recall "decide the goal first" from chapter 09: if the goal is clearly to recover the
# species, choosing $K = 3$ is fine.

# %% [markdown] slide="slide"
# ## scikit-learn で同じ推定をする
#
# 実務では scikit-learn の `sklearn.mixture.GaussianMixture` を使うことが多い。その中身は本シリーズで書いてきた EM そのものであり、
# 同じ初期値から同じ回数だけ反復すれば、丸め誤差の範囲で同じ答えになるはずである。確かめる。
#
# `GaussianMixture` には初期値を `weights_init` ($\phi$)、`means_init` ($\mu$)、`precisions_init` (精度行列 $\Sigma_k^{-1}$) で渡せる。
# 共分散行列ではなくその逆行列を渡すことに注意する。初期値は `result.history[0]` にある。反復回数をそろえるため、
# `max_iter` を `result.n_iter` にし、`tol=0.0` (途中で止まらない) とする。scikit-learn は最後の反復で収束判定を満たさなかったことを
# `ConvergenceWarning` で知らせるが、ここでは意図どおりなので、その警告だけを黙らせる。

# %% [markdown] lang="en"
# ## The same fit with scikit-learn
#
# In practice one usually uses scikit-learn's `sklearn.mixture.GaussianMixture`. Inside, it is exactly the EM we have been
# writing in this series, so from the same initial values and for the same number of iterations it should give the same
# answer up to rounding errors. Let us check.
#
# `GaussianMixture` accepts initial values as `weights_init` ($\phi$), `means_init` ($\mu$) and `precisions_init` (the precision
# matrices $\Sigma_k^{-1}$); note that it takes the inverses of the covariance matrices, not the matrices themselves. Our
# initial values are `result.history[0]`. To run the same number of iterations we set `max_iter` to `result.n_iter` and
# `tol=0.0` (never stop early). scikit-learn then reports with a `ConvergenceWarning` that its convergence test was not met
# at the last iteration; here that is exactly what we asked for, so we silence that one warning.

# %%
init = result.history[0]
gm = GaussianMixture(n_components=3, covariance_type="full", reg_covar=reg, tol=0.0, max_iter=result.n_iter,
                     weights_init=init.phi, means_init=init.mu, precisions_init=np.linalg.inv(init.sigma))
with warnings.catch_warnings():
    warnings.simplefilter("ignore", category=ConvergenceWarning)  # tol=0.0 on purpose: run all max_iter iterations
    gm.fit(X)
print(f"iterations: scikit-learn {gm.n_iter_}, gmm_teach {result.n_iter}")

# %% slide="subslide"
checks = {
    "weights_ = phi": np.abs(gm.weights_ - result.params.phi).max(),
    "means_ = mu": np.abs(gm.means_ - result.params.mu).max(),
    "covariances_ = sigma": np.abs(gm.covariances_ - result.params.sigma).max(),
    "predict_proba(X) = responsibilities": np.abs(gm.predict_proba(X) - result.responsibilities).max(),
    "score(X) * n = log-likelihood": abs(gm.score(X) * n - result.log_likelihoods[-1]),
    "bic(X) = gt.bic": abs(gm.bic(X) - gt.bic(X, result.params)),
    "aic(X) = gt.aic": abs(gm.aic(X) - gt.aic(X, result.params)),
}
for name, difference in checks.items():
    print(f"{name:38s} max |difference| < 1e-8: {difference < 1e-8}")

# %% [markdown]
# 混合係数、平均、共分散行列、負担率、対数尤度、BIC、AIC のすべてが $10^{-8}$ 未満の差で一致した。scikit-learn の
# `score(X)` は **1 点あたりの平均** 対数尤度を返すので、全体の対数尤度と比べるには $N$ 倍する。`bic` と `aic` は
# scikit-learn 自身が `covariance_type` を知っているので引数は `X` だけであるが、`gt.bic` では full 型以外のとき
# `covariance_type` を渡す必要がある (後の節)。

# %% [markdown] lang="en"
# Mixing coefficients, means, covariance matrices, responsibilities, log-likelihood, BIC and AIC all agree to within
# $10^{-8}$. scikit-learn's `score(X)` returns the **mean log-likelihood per point**, so multiply it by $N$ to compare it with
# the total. scikit-learn's `bic` and `aic` take only `X`, because the model knows its own `covariance_type`; `gt.bic` must
# be told the `covariance_type` for every type other than full (see below).

# %% [markdown] slide="slide"
# ## tol の意味の違い
#
# 収束判定の `tol` は、同じ名前でも意味が 2 点で異なる。
#
# - **何を比べるか.** `gmm_teach` (教科書と同じ) は対数尤度の **総和** の変化 $|\Delta \ln p(X \mid \theta)|$ を比べ、既定値は $10^{-5}$ である。
#   scikit-learn は **1 点あたりの平均** の変化を比べ、既定値は $10^{-3}$ である。$N = 150$ なら、scikit-learn の既定値は
#   総和で $0.15$ に当たり、`gmm_teach` の既定値より 15000 倍緩い。
# - **いつの値か.** `gmm_teach` は M ステップの **後** のパラメータでの対数尤度を記録する。scikit-learn が記録する値
#   (`lower_bound_`) は各反復の E ステップで計算したもの、つまり M ステップの **前** のパラメータでの値である。
#   そのため同じ基準で止めても、scikit-learn は 1 回多く反復してから止まる。
#
# `tol` を $10^{-5} / N$ にそろえて確かめる。

# %% [markdown] lang="en"
# ## What tol means in each
#
# The convergence tolerance `tol` has the same name in both but differs in two ways.
#
# - **What is compared.** `gmm_teach` (like the textbook) compares the change in the **total** log-likelihood,
#   $|\Delta \ln p(X \mid \theta)|$, with a default of $10^{-5}$. scikit-learn compares the change in the **mean per point**,
#   with a default of $10^{-3}$. With $N = 150$, scikit-learn's default amounts to $0.15$ in the total, 15000 times looser
#   than `gmm_teach`'s default.
# - **When the value is taken.** `gmm_teach` records the log-likelihood under the parameters **after** the M-step.
#   The value scikit-learn records (`lower_bound_`) is computed in each iteration's E-step, that is, under the parameters
#   **before** the M-step. So with equivalent tolerances scikit-learn stops one iteration later.
#
# We check this with `tol` set to $10^{-5} / N$.

# %% slide="subslide"
same_start = dict(n_components=3, reg_covar=reg, weights_init=init.phi, means_init=init.mu,
                  precisions_init=np.linalg.inv(init.sigma))
gm_same = GaussianMixture(tol=1e-5 / n, max_iter=1000, **same_start).fit(X)
print(f"gmm_teach, tol = 1e-5 (total):     {result.n_iter} iterations, converged {result.converged}")
print(f"scikit-learn, tol = 1e-5 / n (mean): {gm_same.n_iter_} iterations, converged {gm_same.converged_}")
print("sklearn's last lower_bound_ x n = our final log-likelihood:",
      bool(np.isclose(gm_same.lower_bound_ * n, result.log_likelihoods[-1], rtol=1e-12)))
gm_default = GaussianMixture(**same_start).fit(X)  # scikit-learn's default tol = 1e-3
print(f"scikit-learn, default tol = 1e-3: {gm_default.n_iter_} iterations, "
      f"log-likelihood {gm_default.score(X) * n:.4f} (gmm_teach: {result.log_likelihoods[-1]:.4f})")

# %% [markdown]
# `tol` をそろえると、scikit-learn は 28 回、`gmm_teach` は 27 回で止まり、scikit-learn の最後の `lower_bound_` を $N$ 倍した値は
# `gmm_teach` の最終的な対数尤度とぴったり一致した。scikit-learn の 28 回目の E ステップが、`gmm_teach` の 27 回目の
# M ステップの後のパラメータで計算されているからである。
#
# 既定の `tol` では scikit-learn は 14 回で止まる。このとき対数尤度が `gmm_teach` の最終値よりわずかに **高い** ことに
# 気づいただろうか。`reg_covar` $> 0$ のとき、M ステップは共分散行列の対角に `reg_covar` を足すので、尤度を厳密には
# 最大化していない。そのため対数尤度は収束の間際で 0.01 ほど下がりうる。05 章と 07 章の「対数尤度は決して減らない」は、
# `reg_covar` $= 0$ の EM についての性質である。

# %% [markdown] lang="en"
# With matching tolerances scikit-learn stops after 28 iterations and `gmm_teach` after 27, and scikit-learn's last
# `lower_bound_` times $N$ equals `gmm_teach`'s final log-likelihood exactly: scikit-learn's 28th E-step is computed with
# the parameters after `gmm_teach`'s 27th M-step.
#
# With its default `tol`, scikit-learn stops after 14 iterations. Did you notice that its log-likelihood is then slightly
# **higher** than `gmm_teach`'s final value? With `reg_covar` $> 0$ the M-step adds `reg_covar` to the diagonal of the
# covariance matrices, so it does not maximise the likelihood exactly, and the log-likelihood can fall by about 0.01 close to
# convergence. "The log-likelihood never falls" of chapters 05 and 07 is a property of EM with `reg_covar` $= 0$.

# %% [markdown] slide="slide"
# ## 共分散行列の型
#
# full 型の $\Sigma_k$ は $D(D+1)/2$ 個の自由な要素をもつ。パラメータを減らすために、$\Sigma_k$ に形の制約を入れることができる。
#
# | 型 | $\Sigma_k$ の形 | 楕円の形 |
# |---|---|---|
# | full | 成分ごとに任意の対称正定値行列 | 成分ごとに向きも形も自由 |
# | diag | 成分ごとの対角行列 $\mathrm{diag}(\sigma_{k1}^2, \dots, \sigma_{kD}^2)$ | 軸が座標軸に平行 |
# | spherical | 成分ごとの $\sigma_k^2 I$ | 円 (球) |
# | tied | 全成分で共通の 1 つの $\Sigma$ | 全成分で同じ形と向き |
#
# どの型でも、M ステップの混合係数と平均は full 型と同じであり、共分散行列だけが変わる。制約のもとでの最尤推定は、
# 04 章の full 型の $\Sigma_k$ から簡単に作れる。diag 型はその対角だけを残し、spherical 型は対角の平均
# $\sigma_k^2 = \mathrm{tr}(\Sigma_k)/D$ をとり、tied 型は $N_k$ で重み付けした平均 $\Sigma = \sum_k (N_k/N)\, \Sigma_k$ をとる。
# この 3 行を書いて `gt.m_step(..., covariance_type=...)` と比べる。

# %% [markdown] lang="en"
# ## Covariance types
#
# A full-type $\Sigma_k$ has $D(D+1)/2$ free entries. To use fewer parameters we can constrain the shape of $\Sigma_k$.
#
# | Type | Form of $\Sigma_k$ | Shape of the ellipses |
# |---|---|---|
# | full | any symmetric positive definite matrix, one per component | orientation and shape free for each component |
# | diag | a diagonal matrix $\mathrm{diag}(\sigma_{k1}^2, \dots, \sigma_{kD}^2)$ per component | axes parallel to the coordinate axes |
# | spherical | $\sigma_k^2 I$ per component | circles (spheres) |
# | tied | one $\Sigma$ shared by all components | the same shape and orientation for all |
#
# For every type the M-step's mixing coefficients and means are those of the full type; only the covariance matrices
# change. The maximum likelihood estimates under each constraint are easy to build from the full-type $\Sigma_k$ of
# chapter 04: diag keeps only their diagonals, spherical takes the mean of the diagonal, $\sigma_k^2 = \mathrm{tr}(\Sigma_k)/D$,
# and tied takes the average weighted by $N_k$, $\Sigma = \sum_k (N_k/N)\, \Sigma_k$. We write these three lines and compare
# them with `gt.m_step(..., covariance_type=...)`.

# %% slide="subslide"
responsibilities = result.responsibilities
N_k = responsibilities.sum(axis=0)
full = gt.m_step(X, responsibilities, reg_covar=0.0).sigma  # (K, d, d), chapter 04's M-step
variances = np.diagonal(full, axis1=1, axis2=2)  # (K, d)
mine = {"full": full,
        "diag": variances[:, :, None] * np.eye(d),
        "spherical": variances.mean(axis=1)[:, None, None] * np.eye(d),
        "tied": np.broadcast_to(np.tensordot(N_k / n, full, axes=1), full.shape)}
for covariance_type, sigma in mine.items():
    package = gt.m_step(X, responsibilities, reg_covar=0.0, covariance_type=covariance_type).sigma
    print(f"{covariance_type:9s} same as gt.m_step: {np.allclose(sigma, package)}")

# %% [markdown]
# 4 つの型すべてで一致した。`gmm_teach` は型によらず共分散行列を形 $(K, D, D)$ の配列で持つ (tied 型なら同じ行列が $K$ 個並ぶ)。
# scikit-learn の `covariances_` は型ごとに形が違う: full は $(K, D, D)$、diag は $(K, D)$、spherical は $(K,)$、tied は $(D, D)$ である。
# 比べるために、`gmm_teach` の配列を scikit-learn の形に直す関数と、`precisions_init` に渡す逆行列を作る関数を用意する。

# %% [markdown] lang="en"
# All four types agree. `gmm_teach` always keeps the covariance matrices in an array of shape $(K, D, D)$, whatever the type
# (for tied, the same matrix $K$ times). scikit-learn's `covariances_` has a different shape for each type: $(K, D, D)$ for
# full, $(K, D)$ for diag, $(K,)$ for spherical and $(D, D)$ for tied. To compare, we write a function that puts our array into
# scikit-learn's shape, and one that makes the inverses to pass as `precisions_init`.

# %%
def sklearn_form(sigma, covariance_type):
    """Our (K, d, d) covariances in scikit-learn's shape for the type: (K, d, d), (K, d), (K,) or (d, d)."""
    if covariance_type == "full":
        return sigma
    if covariance_type == "diag":
        return np.diagonal(sigma, axis1=1, axis2=2)
    if covariance_type == "spherical":
        return sigma[:, 0, 0]
    return sigma[0]  # tied: every component has the same matrix


def sklearn_precisions(sigma, covariance_type):
    """precisions_init: the inverse of each covariance, in scikit-learn's shape for the type."""
    covariances = sklearn_form(sigma, covariance_type)
    return np.linalg.inv(covariances) if covariance_type in ("full", "tied") else 1.0 / covariances

# %% [markdown] slide="subslide"
# 各型で 20 通りの初期値から推定して最良のものを選び、対数尤度、パラメータの数、BIC、正解率を比べる。同時に、
# 各型の最良の推定を scikit-learn で同じ初期値から同じ回数だけ繰り返し、パラメータの差が $10^{-8}$ 未満かを確かめる。
# BIC には `covariance_type` を渡すことを忘れないこと。渡さなければ full 型のパラメータ数で数えてしまう。

# %% [markdown] lang="en"
# For each type we fit from 20 initialisations and keep the best, then compare log-likelihood, number of parameters, BIC and
# accuracy. At the same time we repeat each type's best fit with scikit-learn, from the same initial values for the same
# number of iterations, and check that the parameters differ by less than $10^{-8}$. Do not forget to pass
# `covariance_type` to the BIC: without it, the parameters would be counted as for the full type.

# %%
fits_by_type = {"full": result}
for covariance_type in ("diag", "spherical", "tied"):
    candidates = [gt.fit(X, 3, seed=seed, reg_covar=reg, covariance_type=covariance_type, max_iter=1000)
                  for seed in range(20)]
    fits_by_type[covariance_type] = max(candidates, key=lambda r: r.log_likelihoods[-1])

# %%
for covariance_type, res in fits_by_type.items():
    start = res.history[0]
    sk = GaussianMixture(3, covariance_type=covariance_type, reg_covar=reg, tol=0.0, max_iter=res.n_iter,
                         weights_init=start.phi, means_init=start.mu,
                         precisions_init=sklearn_precisions(start.sigma, covariance_type))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=ConvergenceWarning)  # tol=0.0 on purpose, as above
        sk.fit(X)
    difference = max(np.abs(sk.weights_ - res.params.phi).max(), np.abs(sk.means_ - res.params.mu).max(),
                     np.abs(sk.covariances_ - sklearn_form(res.params.sigma, covariance_type)).max())
    print(f"{covariance_type:9s} p = {gt.n_parameters(3, d, covariance_type):2d}  "
          f"log-likelihood {res.log_likelihoods[-1]:8.2f}  BIC {gt.bic(X, res.params, covariance_type):6.1f}  "
          f"accuracy {confusion(res)[1]:.3f}  same as scikit-learn (max |difference| < 1e-8): {difference < 1e-8}")

# %% slide="subslide"
fig, axes = plt.subplots(2, 2, figsize=(12, 7), layout="constrained")
for ax, (covariance_type, res) in zip(axes.ravel(), fits_by_type.items()):
    order = gt.match_components(res.params, class_means)
    shown = on_features(res.params.permute(order))
    gt.plot.draw_points(ax, X[:, 2:], res.responsibilities[:, order])
    gt.plot.draw_ellipses(ax, shown, radii=(1, 2))
    gt.plot.draw_means(ax, shown)
    ax.set(title=f"{covariance_type}: BIC {gt.bic(X, res.params, covariance_type):.0f}, "
                 f"accuracy {confusion(res)[1]:.2f}", xlabel=iris.feature_names[2], ylabel=iris.feature_names[3],
           xlim=(0.5, 7.5), ylim=(-0.4, 2.9), aspect="equal")
plt.show()

# %% [markdown] slide="subslide"
# 4 つの型すべてで、scikit-learn と $10^{-8}$ 未満の差で一致した。表と図から読み取れることは次のとおりである。
#
# - **対数尤度** は full > tied > diag > spherical の順である。full 型はほかの 3 つの型をすべて特別な場合として含むので、
#   最も高くなる。tied 型はパラメータが diag 型より少ないのに対数尤度は高い。特徴量どうしの相関 (楕円の傾き) を表せるかどうかが、
#   このデータでは大きく効くのである。
# - **BIC** は full 型を選ぶ。パラメータが最も多いが、対数尤度の差がそれを補って余りある。
# - **正解率** が最も高いのは tied 型 (0.98) で、full 型 (0.967) を上回る。tied 型では 3 つの種が同じ形の楕円を共有するので、
#   重なり合う *versicolor* と *virginica* の境界が直線 (平面) になり、この 2 種にはそれが合っている
#   (Fisher の線形判別分析も、共通の共分散行列を仮定している)。
# - diag 型と spherical 型は楕円を座標軸に平行にしか置けない。花弁の長さと幅は強く相関しているので、斜めの細長いクラスタを
#   軸に平行な楕円で覆うことになり、当てはまりも正解率も落ちる。
#
# BIC は密度としての当てはまりを測る規準であり、種を当てる正解率とは別の物差しである。どちらを重んじるかは、
# ここでも目的による。

# %% [markdown] lang="en"
# All four types agree with scikit-learn to within $10^{-8}$. From the table and the figure:
#
# - The **log-likelihood** ranks full > tied > diag > spherical. The full type contains the other three as special cases, so
#   it comes out highest. The tied type has fewer parameters than diag and yet a higher log-likelihood: for these data it
#   matters a lot whether the correlations between features (the tilt of the ellipses) can be represented.
# - **BIC** chooses the full type: it has the most parameters, but its gain in log-likelihood more than pays for them.
# - The highest **accuracy** belongs to the tied type (0.98), above full (0.967). In the tied type the three species share
#   one ellipse shape, so the border between the overlapping *versicolor* and *virginica* becomes a straight line (a plane),
#   which suits these two species (Fisher's linear discriminant analysis assumes a shared covariance matrix too).
# - The diag and spherical types can only place ellipses parallel to the coordinate axes. Petal length and width are
#   strongly correlated, so the slanted, elongated clusters get covered by axis-parallel ellipses, and both the fit and the
#   accuracy drop.
#
# BIC measures the fit as a density; it is a different yardstick from the accuracy of recovering the species. Which one
# matters more depends, once again, on the goal.

# %% [markdown] slide="notes"
# ## gmm_teach と scikit-learn の対応表
#
# | gmm_teach | scikit-learn (`sklearn.mixture.GaussianMixture`) | 注意 |
# |---|---|---|
# | `gt.fit(X, K, ...)` | `GaussianMixture(n_components=K, ...).fit(X)` | 推定結果は `gt.fit` では返り値 `result`、scikit-learn ではモデル自身の属性 |
# | `result.params.phi` ($\phi$) | `weights_` | |
# | `result.params.mu` ($\mu$) | `means_` | |
# | `result.params.sigma` ($\Sigma$) | `covariances_` | `gmm_teach` は常に $(K, D, D)$。scikit-learn は型により $(K, D, D)$、$(K, D)$、$(K,)$、$(D, D)$ |
# | `np.linalg.inv(result.params.sigma)` | `precisions_` | 内部では `precisions_cholesky_` を使う |
# | `result.responsibilities`、`gt.e_step(X, params)[0]` | `predict_proba(X)` | |
# | `result.responsibilities.argmax(axis=1)` | `predict(X)` | |
# | `gt.log_likelihood(X, params)` (総和) | `score(X) * len(X)` | `score` は 1 点あたりの平均。各点の値は `score_samples(X)` |
# | `result.log_likelihoods` (各反復の M ステップ後、総和) | `lower_bound_` (最後の値)、`lower_bounds_` (1.7 以降) | scikit-learn は M ステップ前のパラメータでの 1 点あたりの平均 |
# | `result.n_iter` | `n_iter_` | 同じ基準なら scikit-learn が 1 回多い (上の節) |
# | `result.converged` | `converged_` | |
# | `result.history` | なし | 1 反復ずつ見るには `warm_start=True, max_iter=1` で `fit` を繰り返す |
# | `tol=1e-5` (総和の変化) | `tol=1e-3` (1 点あたりの平均の変化) | $N$ 倍の違いに加え、比べる値の時点も違う (上の節) |
# | `max_iter=100` | `max_iter=100` | |
# | `reg_covar=1e-6` | `reg_covar=1e-6` | 同じ意味 (M ステップで共分散行列の対角に足す) |
# | `covariance_type="full"` など | `covariance_type="full"` など | 4 つの型の名前も同じ |
# | `init="kmeans++"` | `init_params="k-means++"` | 乱数の作り方が違うので、同じシードでも同じ初期値にはならない |
# | `init="random"` | `init_params="random"` | どちらも乱数の負担率から M ステップ |
# | `init="textbook"` | なし (近いのは `init_params="random_from_data"`) | scikit-learn では共分散行列の初期値が異なる。同じにするには下の行 |
# | `init=gt.GMMParams(phi, mu, sigma)` | `weights_init=phi, means_init=mu, precisions_init=...` | 精度行列 (逆行列) を型ごとの形で渡す |
# | なし | `init_params="kmeans"` (既定) | k-means の結果から初期化する |
# | `seed=0` | `random_state=0` | |
# | 複数のシードを試して最良を選ぶ (本章) | `n_init=20` | scikit-learn は下界 (`lower_bound_`) の最も高いものを残す |
# | `gt.bic(X, params, covariance_type)` | `bic(X)` | `gmm_teach` は型を引数で受け取る |
# | `gt.aic(X, params, covariance_type)` | `aic(X)` | |
# | `gt.n_parameters(K, d, covariance_type)` | `_n_parameters()` (非公開) | |
# | `gt.sample(params, n, seed)` | `sample(n)` | scikit-learn は成分ごとに並べて返す |
# | `gt.match_components(estimated, truth)` | なし | `scipy.optimize.linear_sum_assignment` で同じことができる |
# | `gt.ConvergenceWarning` | `sklearn.exceptions.ConvergenceWarning` | |
# | `gt.ComponentCollapseError` | `ValueError` | scikit-learn は共分散行列が正定値でなくなると `ValueError` を出す |

# %% [markdown] lang="en"
# ## A map from gmm_teach to scikit-learn
#
# | gmm_teach | scikit-learn (`sklearn.mixture.GaussianMixture`) | Notes |
# |---|---|---|
# | `gt.fit(X, K, ...)` | `GaussianMixture(n_components=K, ...).fit(X)` | `gt.fit` returns the estimates in `result`; scikit-learn keeps them as attributes of the model |
# | `result.params.phi` ($\phi$) | `weights_` | |
# | `result.params.mu` ($\mu$) | `means_` | |
# | `result.params.sigma` ($\Sigma$) | `covariances_` | always $(K, D, D)$ in `gmm_teach`; in scikit-learn $(K, D, D)$, $(K, D)$, $(K,)$ or $(D, D)$ by type |
# | `np.linalg.inv(result.params.sigma)` | `precisions_` | used internally as `precisions_cholesky_` |
# | `result.responsibilities`, `gt.e_step(X, params)[0]` | `predict_proba(X)` | |
# | `result.responsibilities.argmax(axis=1)` | `predict(X)` | |
# | `gt.log_likelihood(X, params)` (total) | `score(X) * len(X)` | `score` is the mean per point; `score_samples(X)` gives each point's value |
# | `result.log_likelihoods` (total, after each iteration's M-step) | `lower_bound_` (the last value), `lower_bounds_` (from 1.7) | scikit-learn's: mean per point, under the parameters before the M-step |
# | `result.n_iter` | `n_iter_` | with equivalent tolerances scikit-learn runs one more (see above) |
# | `result.converged` | `converged_` | |
# | `result.history` | none | to step one iteration at a time, call `fit` repeatedly with `warm_start=True, max_iter=1` |
# | `tol=1e-5` (change in the total) | `tol=1e-3` (change in the mean per point) | a factor $N$ apart, and compared at different moments (see above) |
# | `max_iter=100` | `max_iter=100` | |
# | `reg_covar=1e-6` | `reg_covar=1e-6` | the same meaning (added to the covariance diagonals in the M-step) |
# | `covariance_type="full"` etc. | `covariance_type="full"` etc. | the same four names |
# | `init="kmeans++"` | `init_params="k-means++"` | different random generators: the same seed gives different starts |
# | `init="random"` | `init_params="random"` | both: an M-step from random responsibilities |
# | `init="textbook"` | none (closest: `init_params="random_from_data"`) | scikit-learn starts with other covariances; to match exactly, see the next row |
# | `init=gt.GMMParams(phi, mu, sigma)` | `weights_init=phi, means_init=mu, precisions_init=...` | pass the precision matrices (inverses) in the type's shape |
# | none | `init_params="kmeans"` (default) | starts from a k-means clustering |
# | `seed=0` | `random_state=0` | |
# | try several seeds, keep the best (this chapter) | `n_init=20` | scikit-learn keeps the run with the highest lower bound (`lower_bound_`) |
# | `gt.bic(X, params, covariance_type)` | `bic(X)` | `gmm_teach` takes the type as an argument |
# | `gt.aic(X, params, covariance_type)` | `aic(X)` | |
# | `gt.n_parameters(K, d, covariance_type)` | `_n_parameters()` (private) | |
# | `gt.sample(params, n, seed)` | `sample(n)` | scikit-learn returns the points sorted by component |
# | `gt.match_components(estimated, truth)` | none | `scipy.optimize.linear_sum_assignment` does the same |
# | `gt.ConvergenceWarning` | `sklearn.exceptions.ConvergenceWarning` | |
# | `gt.ComponentCollapseError` | `ValueError` | scikit-learn raises `ValueError` when a covariance matrix stops being positive definite |

# %% [markdown] slide="slide"
# ## まとめ
#
# - iris データは Fisher (1936) が用いた Anderson の測定値で、scikit-learn に同梱されている (`load_iris`、ネットワーク不要)。
#   scikit-learn は BSD 3 条項ライセンス、UCI 版には CC BY 4.0 が表示されており、測定値そのものは一般にパブリックドメインとして扱われる。
# - 実データでは、丸められた測定値が特異点に近い見かけ上の最良解を作ることがある。成分の大きさと共分散行列の最小固有値を確かめ、
#   `reg_covar` を測定の精度 (丸めの分散 $h^2/12$) 程度にする。初期値は何通りも試す。
# - ラベルを使わずに推定した成分を、`gt.match_components` でクラス平均に対応づけ、混同行列で比べる。
#   full 型の $K = 3$ で正解率は 0.967 であるが、BIC はむしろ $K = 2$ を選ぶ。
# - 共分散行列の型 (full、diag、spherical、tied) は M ステップの共分散行列だけを変える。BIC は full 型を、正解率は tied 型を選ぶ。
# - scikit-learn の `GaussianMixture` は、同じ初期値 (`weights_init`、`means_init`、`precisions_init`) から同じ回数反復すれば、
#   4 つの型すべてで `gmm_teach` と $10^{-8}$ 未満の差で一致する。`tol` は 1 点あたりの平均で、M ステップ前の値を比べる点が違う。

# %% [markdown] lang="en"
# ## Summary
#
# - The iris data are Anderson's measurements used by Fisher (1936); scikit-learn ships them (`load_iris`, no network
#   needed). scikit-learn is under the BSD 3-Clause licence, the UCI copy shows CC BY 4.0, and the measurements themselves are
#   generally treated as public domain.
# - With real data, rounded measurements can create an apparently best solution close to a singularity. Check the sizes of
#   the components and the smallest eigenvalues of their covariance matrices, set `reg_covar` to about the precision of the
#   measurements (the rounding variance $h^2/12$), and try many initial values.
# - Match the components, estimated without labels, to the class means with `gt.match_components` and compare them in a
#   confusion table. The full type with $K = 3$ reaches an accuracy of 0.967, yet BIC prefers $K = 2$.
# - The covariance types (full, diag, spherical, tied) change only the covariance matrices of the M-step. BIC prefers full;
#   accuracy prefers tied.
# - From the same initial values (`weights_init`, `means_init`, `precisions_init`) and for the same number of iterations,
#   scikit-learn's `GaussianMixture` agrees with `gmm_teach` to within $10^{-8}$ for all four types. Its `tol` differs:
#   it is a mean per point, and it compares values from before the M-step.

# %% [markdown] slide="slide"
# ## 演習
#
# 採点関数は、これまでの章と同じく `gt.checks` にある。

# %% [markdown] lang="en"
# ## Exercises
#
# The checkers are in `gt.checks`, as in the earlier chapters.

# %% [markdown]
# ### 演習 1: 型ごとのパラメータの数
#
# $K$ 成分、$D$ 次元の混合ガウスモデルの自由なパラメータの数を、共分散行列の型 `covariance_type`
# (`"full"`、`"diag"`、`"spherical"`、`"tied"`) に応じて返す関数 `n_params_by_type(K, d, covariance_type)` を書け。
# 混合係数と平均はどの型でも同じである。共分散行列の部分を、上の表の $\Sigma_k$ の形から数えること。
# `gt.n_parameters` は使わないこと。返り値は 09 章の演習と同じく整数 (`int`) である。

# %% [markdown] lang="en"
# ### Exercise 1: the number of parameters by type
#
# Write a function `n_params_by_type(K, d, covariance_type)` that returns the number of free parameters of a $K$-component
# Gaussian mixture in $D$ dimensions for the covariance type `covariance_type` (`"full"`, `"diag"`, `"spherical"` or
# `"tied"`). The mixing coefficients and means are the same for every type; count the covariance part from the forms of
# $\Sigma_k$ in the table above. Do not use `gt.n_parameters`. As in chapter 09, the result is an integer (an `int`).

# %% slide="skip"
def n_params_by_type(K, d, covariance_type):
    """Free parameters of a K-component mixture in d dimensions with the given covariance type."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_n_parameters_by_type(n_params_by_type)

# %% [markdown]
# ### 演習 2: scikit-learn の共分散行列を gmm_teach の形に戻す
#
# scikit-learn で推定したモデルを `gmm_teach` の図 (`gt.plot.draw_ellipses` など) で描くには、`covariances_` を
# 形 $(K, D, D)$ に戻して `gt.GMMParams(gm.weights_, gm.means_, sigma)` を作ればよい。型ごとに形の違う `covariances`
# (full: $(K, D, D)$、diag: $(K, D)$、spherical: $(K,)$、tied: $(D, D)$) から、形 $(K, D, D)$ の共分散行列を返す関数
# `full_covariances(covariances, covariance_type, K, d)` を書け。

# %% [markdown] lang="en"
# ### Exercise 2: scikit-learn's covariances back in gmm_teach's shape
#
# To draw a model fitted by scikit-learn with `gmm_teach`'s plots (`gt.plot.draw_ellipses` and others), turn `covariances_`
# back into shape $(K, D, D)$ and build `gt.GMMParams(gm.weights_, gm.means_, sigma)`. Write a function
# `full_covariances(covariances, covariance_type, K, d)` that takes `covariances` in the shape of its type (full:
# $(K, D, D)$, diag: $(K, D)$, spherical: $(K,)$, tied: $(D, D)$) and returns the covariance matrices with shape $(K, D, D)$.

# %% slide="skip"
def full_covariances(covariances, covariance_type, K, d):
    """scikit-learn's covariances_ for covariance_type, as K full (d, d) matrices: shape (K, d, d)."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_full_covariances(full_covariances)

# %% [markdown] tags=["solution-note"] slide="skip"
# ### 解答例
#
# 次の 2 つのセルは解答例である (折りたたまれている。クリックすると開く)。自分で解いてから開くこと。

# %% [markdown] lang="en" tags=["solution-note"]
# ### Worked solutions
#
# The next two cells are worked solutions (collapsed: click to open them). Try the exercises yourself first.

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/10_real_data_sklearn.py#n_params_by_type

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/10_real_data_sklearn.py#full_covariances

# %% [markdown] slide="subslide"
# 演習 2 の関数を使うと、上の節の scikit-learn のモデル `gm` はそのまま `gmm_teach` の世界に戻せる。
# たとえば `gt.GMMParams(gm.weights_, gm.means_, full_covariances(gm.covariances_, "full", 3, d))` は
# `result.params` と同じ混合分布である。
#
# これで、教科書の一章の EM から出発し、その仕組み、うまくいかない場合、$K$ の選び方を経て、実データと scikit-learn にたどり着いた。
# 残る 2 つの章は EM の応用である。次は [11 変分ベイズ混合ガウス](11_variational_gmm.ipynb) である。パラメータにも事前分布を置き、
# 成分の数 $K$ をデータに決めさせる。

# %% [markdown] lang="en"
# With the function of exercise 2, the scikit-learn model `gm` of the sections above comes straight back into the world of
# `gmm_teach`: for example, `gt.GMMParams(gm.weights_, gm.means_, full_covariances(gm.covariances_, "full", 3, d))` is the
# same mixture as `result.params`.
#
# Starting from the EM of one textbook chapter, we have gone through how EM works, where it fails and how to choose $K$,
# and arrived at real data and scikit-learn. The last two chapters take EM further.
# Next: [11 The variational Bayesian GMM](11_variational_gmm.ipynb), which puts a prior on the parameters too and lets the data choose the number of components $K$.
