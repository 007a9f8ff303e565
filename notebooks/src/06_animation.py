# %% [markdown] slide="slide"
# # 06 アニメーション
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/06_animation.ipynb) (インストール不要。Google アカウントで実行できる)
#
# 教科書の章は、EM の各反復で推定した楕円を `FuncAnimation` でつなぎ、ノートブックの中で再生できる
# 動画として示して終わる。本章ではその動画を再現し、読み方を学ぶ。さらに、E ステップと M ステップを
# 半歩ずつ進めるステッパー、設定を変えて EM を走らせる EM ラボ、講義スライド用の GIF の書き出しを扱う。
#
# **この章で学ぶこと**
# - 教科書のアニメーションの再現と、各フレームの読み方 (楕円、点の色、破線の真の分布)
# - 1 回の反復を E ステップと M ステップの 2 つの半歩に分けて見る方法 (`gt.widgets.em_stepper`)
# - 成分数・初期化・シード・正則化を変えて EM を試す方法 (`gt.widgets.em_lab`)
# - 講義用の GIF の書き出し (`gmm_teach.animation.save_gif` とコマンドライン) と講義モード
#
# **前提**: 05 章 (EM の反復、`gt.fit` の返す `result.history` と `result.log_likelihoods`、
# 対数尤度のプラトー、ラベルの入れ替わり)。

# %% [markdown] lang="en"
# # 06 Animation
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/06_animation.ipynb) (nothing to install; runs with a Google account)
#
# The textbook chapter ends by joining the ellipses estimated at each EM iteration with `FuncAnimation` into a video
# that can be played inside the notebook. In this chapter we reproduce that video and learn how to read it. We then look at a stepper that moves the E-step and the M-step
# forward half a step at a time, the EM lab, which runs EM with settings of your choice, and exporting GIFs for lecture slides.
#
# **What you will learn**
# - Reproducing the textbook's animation, and how to read each frame (the ellipses, the colours of the points, the dashed true distribution)
# - Viewing one iteration as two half-steps, the E-step and the M-step (`gt.widgets.em_stepper`)
# - Trying EM with a different number of components, initialisation, seed and regularisation (`gt.widgets.em_lab`)
# - Exporting GIFs for lectures (`gmm_teach.animation.save_gif` and the command line), and lecture mode
#
# **Prerequisites**: chapter 05 (the EM iterations, `result.history` and `result.log_likelihoods` returned by `gt.fit`,
# the plateau of the log-likelihood, label switching).

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

# %% [markdown] slide="notes"
# ## 教科書のアニメーションを再現する
#
# 教科書の `EM_GMM` は、各反復の M ステップの後の平均と共分散行列をスナップショットとして保存し、
# `FuncAnimation` の各フレームで軸を消して描き直す。最後に `anim.to_jshtml()` で、すべてのフレームを
# 画像として埋め込んだ HTML (再生ボタンとスライダーのついたプレーヤー) を作る。
#
# `gmm_teach.animation` は同じ動画を作るが、次の点が異なる。
# - 図は 1 度だけ作り、フレームごとには楕円と平均の位置、点の色、タイトルだけを更新する。
# - フレーム $t$ は `result.history[t]` を表す。フレーム 0 は初期値、フレーム $t$ は反復 $t$ の後である。
#   教科書は初期値を描かず、反復を 0 から数えるので、教科書の「Iteration = 57」はここでの反復 58 に当たる。
# - 点は、そのフレームの楕円を作った E ステップの負担率で色分けされる (教科書ではすべて同じ色)。
#   破線の楕円はデータを生成した真の分布である。
# - すべてのフレームが埋め込まれる (matplotlib は既定の上限 `animation.embed_limit` を超えたフレームを
#   黙って捨てる) 一方で、画像は小さな JPEG にしてノートブックが重くなりすぎないようにしている。
#
# まず 05 章と同じ推定を行い、動画の HTML を作る。`dpi = 50` で 1 フレームを 250 ピクセル四方とし、
# 59 枚をすべて埋め込んでもノートブックが重くなりすぎないようにする。

# %% [markdown] lang="en"
# ## Reproducing the textbook's animation
#
# The textbook's `EM_GMM` saves the means and covariance matrices after each iteration's M-step as snapshots, and in each frame of
# `FuncAnimation` it clears the axes and draws everything again. At the end, `anim.to_jshtml()` produces HTML with every frame embedded
# as an image (a player with a play button and a slider).
#
# `gmm_teach.animation` makes the same video, with the following differences.
# - The figure is made only once; each frame only updates the positions of the ellipses and the means, the colours of the points and the title.
# - Frame $t$ shows `result.history[t]`. Frame 0 is the initial values, and frame $t$ is the state after iteration $t$.
#   The textbook does not draw the initial values and counts iterations from 0, so the textbook's "Iteration = 57" corresponds to iteration 58 here.
# - The points are coloured by the responsibilities of the E-step that produced that frame's ellipses (in the textbook they all have the same colour).
#   The dashed ellipses are the true distribution that generated the data.
# - Every frame is embedded (matplotlib silently drops the frames beyond its default limit, `animation.embed_limit`), while
#   the images are small JPEGs so that the notebook does not become too heavy.
#
# First we run the same estimation as in chapter 05 and make the HTML of the video. With `dpi = 50`, one frame is 250 pixels square,
# so that embedding all 59 frames does not make the notebook too heavy.

# %%
X = gt.textbook_data()
result = gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)
dpi = 50
html = gt.animation.to_jshtml(X, result, truth=gt.TEXTBOOK_TRUTH, dpi=dpi)
print("history entries:", len(result.history))
print("frames embedded:", gt.animation.count_html_frames(html))
print("HTML under 2 MB:", len(html.encode()) < 2e6)

# %% [markdown] slide="subslide"
# 初期値と 58 回の反復の後のパラメータ、合わせて 59 個のフレームがすべて埋め込まれた。
# 次のセルで再生できる。▶ で再生、スライダーで任意のフレームへ移動、+/− で速さを変えられる。

# %% [markdown] lang="en"
# All 59 frames, the initial values plus the parameters after each of the 58 iterations, have been embedded.
# You can play the video in the next cell: ▶ plays it, the slider jumps to any frame, and +/− change the speed.

# %%
# NBVAL_IGNORE_OUTPUT
from IPython.display import HTML

HTML(html)

# %% [markdown] slide="notes"
# ### 動画の読み方
#
# 動画は 500 ミリ秒ごとに 1 反復ずつ進む。05 章で調べた 3 つの局面を探しながら見るとよい。
# 成分の番号は、コード・図・出力と同じく 0 から数える (成分 0、1、2)。式では $k = 1, \dots, K$ と数えるので、
# コードの成分 0 が式の $k = 1$ に当たる (成分 2 は $k = 3$ である)。
#
# 1. **反復 1〜6**: 初期値では成分 1 (橙) と成分 2 (緑) の平均がどちらも右上のクラスタにある。最初の数回で
#    2 つの楕円は上側の 2 つのクラスタの中間へ動き、それぞれが左上と右上のクラスタを半分ずつ覆う横長の形になる。
# 2. **反復 7〜30 (プラトー)**: 2 つの楕円は少しずつしか動かない。左上と右上のクラスタの点は、橙と緑の中間の色に
#    なっている。どちらの成分にも半分ずつ属する、という負担率である。
# 3. **反復 30〜36 (分離)**: 橙の楕円が左上、緑の楕円が右上のクラスタへ分かれ、点の色もはっきり分かれる。
#    この数回で対数尤度はおよそ 230 増える。その後は楕円がほとんど動かないまま、収束判定を満たすまで続く。
#
# 動画は時間に沿って 1 枚ずつ見せるが、平均が反復の間にたどった道筋全体を 1 枚の図に重ねることもできる。
# `result.history` から各反復の平均を取り出して線で結ぶ。印刷や PDF で読むときにも役に立つ図である。

# %% [markdown] lang="en"
# ### How to read the video
#
# The video advances one iteration every 500 milliseconds. Watch it while looking out for the three phases we examined in chapter 05.
# Components are numbered from 0, as in the code, the figures and the printed output (components 0, 1, 2). The formulas count
# $k = 1, \dots, K$, so the code's component 0 is the formulas' $k = 1$ (and component 2 is $k = 3$).
#
# 1. **Iterations 1-6**: at the initial values, the means of component 1 (orange) and component 2 (green) are both in the upper-right cluster. In the first few iterations
#    the two ellipses move to the middle between the two upper clusters and become wide shapes, each covering half of the upper-left and half of the upper-right cluster.
# 2. **Iterations 7-30 (the plateau)**: the two ellipses move only a little at a time. The points of the upper-left and upper-right clusters are coloured halfway between orange and green:
#    their responsibilities say that they belong half to each component.
# 3. **Iterations 30-36 (the separation)**: the orange ellipse moves to the upper-left cluster and the green one to the upper-right cluster, and the colours of the points separate clearly.
#    In these few iterations the log-likelihood rises by about 230. After that the ellipses hardly move, and the run goes on until the convergence test is satisfied.
#
# The video shows the frames one at a time, but we can also overlay the whole path the means followed over the iterations in a single figure.
# We take the means of every iteration from `result.history` and join them with lines. This figure is also useful when you read the chapter on paper or as a PDF.

# %% slide="subslide"
K = result.params.K
mus = np.array([params.mu for params in result.history])  # (n_iter + 1, K, d): the means after iteration t
fig, ax = plt.subplots(figsize=(6, 6), dpi=80)
gt.plot.draw_points(ax, X)
gt.plot.draw_ellipses(ax, gt.TEXTBOOK_TRUTH, radii=(2,), colors=[gt.plot.TRUTH_COLOR] * gt.TEXTBOOK_TRUTH.K,
                      linestyle="--")
colors = gt.plot.component_colors(K)
for k in range(K):
    ax.plot(mus[:, k, 0], mus[:, k, 1], "-o", color=colors[k], markersize=3, label=f"path of component {k}")
ax.scatter(mus[0, :, 0], mus[0, :, 1], s=90, facecolors="white", edgecolors=colors, linewidths=2, zorder=5,
           label="start ($t = 0$)")
gt.plot.draw_means(ax, result.params)
ax.set(title=f"Paths of the means over {result.n_iter} iterations", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
ax.legend(loc="lower right")
plt.show()

# %% [markdown]
# 白抜きの大きな丸が出発点 ($t = 0$)、小さな丸が 1 反復ごとの平均の位置、× 印が最終的な平均である。点の間隔が広いところは平均が速く動いた反復、
# 詰まっているところはゆっくり動いた反復である。成分 1 (橙) は右上のクラスタの上端から出発し、上側の 2 つのクラスタの
# 中間まで一気に動いたあと、プラトーの間は中間付近にとどまり、最後に左上のクラスタの中心へ移った。成分 2 (緑) も
# いったん中間まで引き寄せられてから右上のクラスタへ戻っている。成分 0 (青) は最初から原点のクラスタにいて、
# 最初の数回で少し揺れたあとはほとんど動かない。05 章で見たラベルの入れ替わりは、成分 1 のこの長い移動から生じたのである。

# %% [markdown] lang="en"
# The large hollow circles are the starting points ($t = 0$), the small dots the positions of the means after each iteration, and the crosses (×) the final means. Where the dots are far apart the mean moved fast;
# where they are bunched together it moved slowly. Component 1 (orange) starts at the top edge of the upper-right cluster, rushes to the middle between the two upper
# clusters, stays near the middle during the plateau, and finally moves to the centre of the upper-left cluster. Component 2 (green) is also
# pulled to the middle at first, and then returns to the upper-right cluster. Component 0 (blue) is in the origin cluster from the start and,
# after wobbling a little in the first few iterations, hardly moves. The label switching we saw in chapter 05 comes from this long journey of component 1.

# %% [markdown] slide="slide"
# ## ステッパー: E ステップと M ステップを分けて見る
#
# 動画の 1 フレームは M ステップの後の状態だけを示す。しかし 1 回の反復は 2 つの異なる操作からなる。
#
# - **E ステップ**: パラメータ $\theta^{(t-1)}$ はそのままで、負担率 $\gamma_{nk}$ だけを計算し直す。
#   図では**点の色だけが変わり、楕円は動かない**。$\theta$ が変わらないので対数尤度も変わらない。
# - **M ステップ**: 負担率はそのままで、$\phi, \mu, \Sigma$ を計算し直す。図では**楕円だけが動き、
#   点の色は変わらない**。対数尤度は $\ln p(X \mid \theta^{(t)})$ に増える。
#
# ステッパーのスライダーは、この半歩 (half-step) を単位に進む。半歩の番号 $s$ と反復 $t$ の対応は
# 次のとおりである。

# %% [markdown] lang="en"
# ## The stepper: the E-step and the M-step one at a time
#
# A frame of the video shows only the state after the M-step. But one iteration consists of two different operations.
#
# - **E-step**: the parameters $\theta^{(t-1)}$ stay as they are, and only the responsibilities $\gamma_{nk}$ are recomputed.
#   In the figure **only the colours of the points change; the ellipses do not move**. Since $\theta$ does not change, neither does the log-likelihood.
# - **M-step**: the responsibilities stay as they are, and $\phi, \mu, \Sigma$ are recomputed. In the figure **only the ellipses move;
#   the colours of the points do not change**. The log-likelihood increases to $\ln p(X \mid \theta^{(t)})$.
#
# The stepper's slider moves in units of these half-steps. Half-step $s$ corresponds to iteration $t$
# as follows.

# %%
for s in range(6):
    t, phase = gt.widgets.half_step(s)
    shown = 0 if phase == "init" else (t - 1 if phase == "E" else t)
    print(f"half-step {s}: iteration {t}, phase {phase:4s} -> ellipses of history[{shown}]")
print("last half-step:", 2 * result.n_iter)

# %% [markdown] slide="subslide"
# 半歩 $2t - 1$ が反復 $t$ の E ステップ、半歩 $2t$ が同じ反復の M ステップである。
# 次のセルのウィジェットで、◀ / ▶ ボタンで半歩ずつ進める。右の図は対数尤度で、朱色の丸が現在の位置を示す。
# E ステップの後は丸が白抜きになる: 対数尤度はまだ前の値のままだからである。
# 「硬い割り当て」にチェックを入れると、各点を負担率が最大の成分の色で塗る。

# %% [markdown] lang="en"
# Half-step $2t - 1$ is the E-step of iteration $t$, and half-step $2t$ is the M-step of the same iteration.
# In the widget in the next cell, the "◀ back" and "forward ▶" buttons move one half-step at a time. The plot on the right is the log-likelihood, with a vermilion dot marking the current position.
# After an E-step the dot is hollow, because the log-likelihood still has its previous value.
# Ticking "hard assignment" colours each point with the colour of the component whose responsibility for it is largest.

# %%
# NBVAL_IGNORE_OUTPUT
gt.widgets.em_stepper(X, result, truth=gt.TEXTBOOK_TRUTH)

# %% [markdown] slide="subslide"
# 次の順に操作してみるとよい。
#
# - 半歩 0 → 1 → 2: 灰色の点に初めて色がつき (E ステップ)、次に 3 つの楕円が一気に縮んで動く
#   (M ステップ)。初期値の楕円はすべてデータ全体の共分散行列なので、同じ大きさで重なっている。
# - 半歩 13〜60 (反復 7〜30): E ステップで色はほとんど変わらず、M ステップで楕円もわずかしか動かない。
#   これがプラトーである。対数尤度のグラフの印もほぼ水平に進む。
# - 半歩 61〜72 (反復 31〜36): E ステップのたびに左上と右上の点の色が分かれていき、それを受けて
#   M ステップで楕円が離れていく。E ステップと M ステップが互いを後押しして加速する様子がわかる。
#
# E ステップの後に点の色が変わるのは、前の M ステップで動いた楕円に合わせて負担率が計算し直されるからであり、
# M ステップの後に楕円が動くのは、新しい負担率で重み付けした平均と共分散行列が計算されるからである。
# この 2 つが交互に起こることが EM の反復そのものである。

# %% [markdown] lang="en"
# Try the following.
#
# - Half-steps 0 → 1 → 2: the grey points get colours for the first time (E-step), and then the three ellipses all shrink and move at once
#   (M-step). The initial ellipses all use the covariance matrix of the whole data set, so they have the same size and overlap.
# - Half-steps 13-60 (iterations 7-30): the E-steps barely change the colours, and the M-steps move the ellipses only slightly.
#   This is the plateau. The marker on the log-likelihood plot also moves almost horizontally.
# - Half-steps 61-72 (iterations 31-36): with every E-step the colours of the upper-left and upper-right points separate further, and in response
#   the M-steps move the ellipses further apart. You can see the E-step and the M-step pushing each other on and speeding up.
#
# The colours of the points change after an E-step because the responsibilities are recomputed to fit the ellipses that moved in the previous M-step;
# the ellipses move after an M-step because the means and covariance matrices are recomputed with the new responsibilities as weights.
# These two things happening in turn is exactly what an EM iteration is.

# %% [markdown] slide="slide"
# ## EM ラボ: 設定を変えて試す
#
# EM ラボでは、データ (教科書のデータ、または真の分布を自分で決めて生成したデータ)、成分数 $K$、
# 初期化の方法 (`textbook`、`random`、`kmeans++`) とシード、正則化 `reg_covar`、最大反復回数を選び、
# 「EM を実行する」を押す。結果は下のステッパーで半歩ずつ調べられる。起動時には教科書の設定
# ($K = 3$、`textbook`、シード 11) の結果が表示されている。
#
# 「真の分布からサンプル」を選ぶと、成分ごとのタブで平均、標準偏差、相関係数、混合係数を変えられる。
# 破線の楕円はその真の分布である。

# %% [markdown] lang="en"
# ## The EM lab: try other settings
#
# In the EM lab you choose the **data** (**textbook data**, or **sample from a truth**: data generated from a true distribution you set up yourself), the number of components $K$ (**components K**),
# the initialisation method (**initialisation**: `textbook`, `random` or `kmeans++`) and its seed (**init seed**), the regularisation **reg_covar** and the maximum number of iterations (**max iterations**),
# and press **Run EM**. You can then examine the result half-step by half-step in the stepper below. When the lab starts, it already shows the result for the textbook's settings
# ($K = 3$, `textbook`, seed 11).
#
# If you choose "sample from a truth", one tab per component lets you change its mean, standard deviations, correlation and mixing coefficient (the "weight φ" slider).
# The dashed ellipses are this true distribution.

# %% slide="subslide"
# NBVAL_IGNORE_OUTPUT
gt.widgets.em_lab()

# %% [markdown] slide="notes"
# 次の実験を試し、それぞれ何が起きるかを予想してから実行するとよい。
#
# 1. **$K = 2$ (シード 11)**: 3 つのクラスタを 2 つの成分で説明することになる。どの 2 つのクラスタが 1 つの楕円に
#    まとめられるか。シードを 0 に変えると、まとめられるクラスタの組は変わるか。対数尤度はどちらが高いか。
# 2. **$K = 5$**: 成分がクラスタより多い。余った成分は 1 つのクラスタを分け合うか、クラスタの間に居座る。
#    最大反復回数 100 では収束せず注意が表示される。最大反復回数を増やしても、対数尤度は $K = 3$ の
#    $-3936.64$ からわずかしか増えない。成分を増やしても最尤解の対数尤度は下がらない (余った成分を使わなければ $K = 3$ の解を再現できる) が、
#    その増え方が急に小さくなる $K$ が、データのクラスタの数の目安になる。
# 3. **悪いシード ($K = 3$、`textbook`、シード 105)**: 05 章で見た局所最適解に収束する。
#    対数尤度 $-4089.57$ で、左上のクラスタを 2 つの成分が分け合う。初期化を `kmeans++` に変えるとどうなるか。
# 4. **小さな reg_covar**: データを「真の分布からサンプル」、データ数 $n = 20$ にし、$K = 5$、
#    reg_covar = 0 で実行する。ある成分が 2 点ほどに集中し、共分散行列が特異になって計算が止まる
#    (成分がつぶれる)。reg_covar を 1e-06 にすると最後まで計算できるが、2 点だけを受け持つ、
#    線分のように細い楕円が残る。このような成分は、細くなるほど 2 点での密度が高くなって対数尤度を
#    押し上げるので、対数尤度の値だけを見ると良い解に見えてしまう。点の数に対して成分が多すぎるときに起きる失敗である。
#    reg_covar を 0.1 にして比べてみよ。分散が 0.1 より小さくなれないので、線分のような楕円は現れない。
#    ただし成分がゆっくりとしか動かなくなり、最大反復回数 100 では収束せず注意が表示される。最大反復回数を 1000 に
#    増やせば数百回 (このデータでは 360 回ほど) で収束する。対数尤度は reg_covar = 1e-06 のときより低いが、
#    それは 2 点に張りついた細い成分の「水増し」がなくなったためである。

# %% [markdown] lang="en"
# Try the following experiments, and for each one predict what will happen before you run it.
#
# 1. **$K = 2$ (seed 11)**: three clusters have to be explained by two components. Which two clusters are merged into one ellipse?
#    If you change the seed to 0, does the merged pair change? Which run has the higher log-likelihood?
# 2. **$K = 5$**: there are more components than clusters. The spare components share a cluster, or sit between clusters.
#    With the maximum of 100 iterations EM does not converge, and a note says so. Even with more iterations, the log-likelihood rises only slightly above
#    the $-3936.64$ of $K = 3$. Adding components never lowers the maximum log-likelihood (the spare components could simply reproduce the $K = 3$ fit), but
#    the $K$ at which the gain suddenly becomes small is a guide to the number of clusters in the data.
# 3. **A bad seed ($K = 3$, `textbook`, seed 105)**: EM converges to the local optimum we saw in chapter 05,
#    with log-likelihood $-4089.57$, where two components share the upper-left cluster. What happens if you change the initialisation to `kmeans++`?
# 4. **A small reg_covar**: set the data to "sample from a truth" with $n = 20$ points ("samples n"), and run with $K = 5$ and
#    reg_covar = 0. One component concentrates on about 2 points, its covariance matrix becomes singular and the computation stops
#    (the lab reports that the component collapsed). With reg_covar = 1e-06 the computation runs to the end, but a thin ellipse, like a line segment,
#    remains on just 2 points. The thinner such a component gets, the higher its density at those 2 points, which pushes the log-likelihood
#    up, so judging by the log-likelihood alone it looks like a good solution. This is the failure that happens when there are too many
#    components for the number of points. Compare with reg_covar = 0.1: no variance can fall below 0.1, so no line-segment ellipse appears.
#    The components now move only slowly, though, and with the maximum of 100 iterations EM does not converge and a note says so.
#    Raise the maximum to 1000 and it converges after a few hundred iterations (about 360 for this data). The log-likelihood is lower than with
#    reg_covar = 1e-06, because the thin components on 2 points no longer inflate it.

# %% [markdown] slide="slide"
# ## 講義スライド用の GIF を書き出す
#
# スライドに貼るには、動画を GIF ファイルにするのが手軽である。`gt.animation.save_gif` は同じフレームを
# GIF として書き出す。`frames=m` を与えると、初期値から最終反復までを等間隔に選んだ $m$ 枚になる。
# ここでは一時ディレクトリに 10 枚の GIF を書き、できたファイルのフレーム数を確かめる。

# %% [markdown] lang="en"
# ## Exporting a GIF for lecture slides
#
# For slides, the handiest form of the video is a GIF file. `gt.animation.save_gif` writes the same frames
# as a GIF. With `frames=m` you get $m$ frames chosen at equal intervals from the initial values to the last iteration.
# Here we write a 10-frame GIF into a temporary directory and check the number of frames in the file.

# %%
import tempfile
from pathlib import Path
from PIL import Image

with tempfile.TemporaryDirectory() as tmp:
    path = gt.animation.save_gif(X, result, Path(tmp) / "em.gif", frames=10, truth=gt.TEXTBOOK_TRUTH)
    print("file exists:", path.exists())
    with Image.open(path) as gif:
        print("frames in the GIF:", gif.n_frames, "| size in pixels:", gif.size)
print("history indices shown:", gt.animation.frame_indices(len(result.history), 10))

# %% [markdown] slide="subslide"
# 10 枚のフレームが、初期値 (0) から最終状態 (58) までほぼ 6 反復おきに選ばれた。`frames` を省けば
# 59 枚すべてが入る (ファイルは大きく、書き出しにも時間がかかる)。
# 手元に保存するには、一時ディレクトリの代わりに `"em.gif"` のようなファイル名を与えればよい。
#
# ノートブックを開かなくても、端末から同じ GIF を作れる。教科書の設定 ($K = 3$、シード 11) なら次のとおりである。
#
# ```bash
# python -m gmm_teach animate --k 3 --seed 11 --out em.gif
# ```
#
# `--truth` で真の分布の破線を加え、`--frames 20` でフレーム数を減らし、`--out em.html` とすれば
# 再生ボタンつきの Web ページになる。使えるオプションは `--help` で表示される。その冒頭を示す。

# %% [markdown] lang="en"
# The 10 frames were chosen from the initial values (0) to the final state (58), roughly every 6 iterations. If you leave out `frames`,
# all 59 frames go in (the file is large, and writing it takes longer).
# To keep the file, give a file name such as `"em.gif"` instead of the temporary directory.
#
# You can make the same GIF from a terminal without opening the notebook. For the textbook's settings ($K = 3$, seed 11):
#
# ```bash
# python -m gmm_teach animate --k 3 --seed 11 --out em.gif
# ```
#
# `--truth` adds the dashed true distribution, `--frames 20` reduces the number of frames, and `--out em.html`
# makes a web page with a play button. `--help` lists the available options; here is the beginning of its output.

# %%
import os
import subprocess
import sys

completed = subprocess.run([sys.executable, "-m", "gmm_teach", "animate", "--help"], capture_output=True,
                           text=True, env={**os.environ, "COLUMNS": "100"}, check=True)
print("\n\n".join(completed.stdout.split("\n\n")[:2]))

# %% [markdown] slide="slide"
# ## 講義モード
#
# 教室のプロジェクタでは、通常の大きさの文字や細い線は後ろの席から読めない。
# `gt.plot.lecture_mode(True)` を実行すると、それ以後に作る `gmm_teach` の図とウィジェットの文字・線・点・
# 図そのものが大きくなる。matplotlib 全体の設定は変えないので、自分で描く図には影響しない。
# 次のセルは 05 章の対数尤度の図 (反復 20 に印) を、左は通常、右は講義モードで描き、最後に講義モードを元に戻す。

# %% [markdown] lang="en"
# ## Lecture mode
#
# On a classroom projector, text of ordinary size and thin lines cannot be read from the back rows.
# After `gt.plot.lecture_mode(True)`, the figures and widgets of `gmm_teach` made from then on have larger text, lines and points,
# and the figures themselves are larger. matplotlib's global settings are not changed, so figures you draw yourself are not affected.
# The next cell draws the log-likelihood plot of chapter 05 (with a marker at iteration 20), normally on the left and in lecture mode on the right, and finally switches lecture mode off again.

# %%
ll_init = gt.log_likelihood(X, result.history[0])
fig, axes = plt.subplots(1, 2, figsize=(12, 4), dpi=72, layout="constrained")
for ax, lecture in zip(axes, [False, True]):
    gt.plot.lecture_mode(lecture)
    gt.plot.draw_log_likelihood(ax, result.log_likelihoods, current=min(20, result.n_iter), initial=ll_init)
    gt.plot.style_axes(ax)
    ax.set_title("lecture mode" if lecture else "normal", fontsize=gt.plot.current_style().title_size)
plt.show()
gt.plot.lecture_mode(False)
print("lecture mode now:", gt.plot.is_lecture_mode())

# %% [markdown] slide="subslide"
# 右の講義モードでは、目盛りと軸ラベルとタイトルの文字、曲線、現在の反復を示す印がすべて大きい
# (データ点、楕円、平均の印も同様に大きくなる)。講義では章の最初のセルの直後に
# `gt.plot.lecture_mode(True)` を実行しておけば、ステッパーや EM ラボも大きな図、文字、ボタンで表示される。

# %% [markdown] lang="en"
# In lecture mode, on the right, the tick labels, the axis labels, the title, the curve and the marker for the current iteration are all larger
# (and so are the data points, the ellipses and the markers of the means). In a lecture, run
# `gt.plot.lecture_mode(True)` right after the chapter's first cell, and the stepper and the EM lab will also show large figures, text and buttons.

# %% [markdown] slide="slide"
# ## まとめ
#
# - `gt.animation.to_jshtml(X, result)` は教科書の `FuncAnimation` を再現し、すべてのフレームを埋め込んだ
#   プレーヤーを作る。フレーム $t$ は `result.history[t]`、フレーム 0 は初期値である。
# - 動画では、2 つの成分が上側のクラスタを分け合うプラトーと、その後の急な分離が見える。
# - 1 回の反復は 2 つの半歩からなる。E ステップでは点の色 (負担率) だけが、M ステップでは楕円
#   (パラメータ) だけが変わる。`gt.widgets.em_stepper` で半歩ずつ確かめられる。
# - `gt.widgets.em_lab` で $K$、初期化、シード、reg_covar を変えると、成分の過不足、局所最適解、
#   成分のつぶれを体験できる。
# - スライドには `gt.animation.save_gif` または `python -m gmm_teach animate` で GIF を作る。
#   プロジェクタでは `gt.plot.lecture_mode(True)` を使う。

# %% [markdown] lang="en"
# ## Summary
#
# - `gt.animation.to_jshtml(X, result)` reproduces the textbook's `FuncAnimation` and makes a player with every frame embedded.
#   Frame $t$ is `result.history[t]`; frame 0 is the initial values.
# - The video shows the plateau, where two components share the upper clusters, and the sudden separation that follows.
# - One iteration consists of two half-steps: the E-step changes only the colours of the points (the responsibilities), and the M-step only the ellipses
#   (the parameters). You can check this half-step by half-step with `gt.widgets.em_stepper`.
# - Changing $K$, the initialisation, the seed and reg_covar in `gt.widgets.em_lab` lets you experience too few or too many components, local optima
#   and collapsing components.
# - For slides, make a GIF with `gt.animation.save_gif` or `python -m gmm_teach animate`.
#   On a projector, use `gt.plot.lecture_mode(True)`.

# %% [markdown] slide="slide"
# ## 演習
#
# 2 つの演習では、自分で書いた関数を採点関数が採点する。採点関数は `gt.checks` にあり、
# 関数をいくつかの決まったケース (ここで使う教科書のデータとは別の、小さなデータ) で呼び、パッケージ自身の計算と比べる。
# 誤りがよくある形に当てはまれば、ヒントでそれを指摘する。
#
# ### 演習 1: 1 つの点の負担率を動画にする
#
# 左上のクラスタの中心 $(-3, 3)$ に最も近い点を 1 つ選び、その点の負担率 $(\gamma_{n1}, \dots, \gamma_{nK})$ が
# 反復とともにどう変わるかを棒グラフの動画にしたい。棒はコードの番号どおり成分 0、1、…、$K - 1$ の順に並べる
# (成分 0 の棒が式の $\gamma_{n1}$ を表す)。点の番号は次のセルで決める。

# %% [markdown] lang="en"
# ## Exercises
#
# In both exercises a checker grades the function you write. The checkers are in `gt.checks`: they call
# your function on a few fixed cases (small data sets, not the textbook data used here) and compare the answers with the
# package's own. When a wrong answer fits a common mistake, the hint names it.
#
# ### Exercise 1: a video of one point's responsibilities
#
# We pick the point closest to the centre $(-3, 3)$ of the upper-left cluster, and want to make a bar-chart video of how its
# responsibilities $(\gamma_{n1}, \dots, \gamma_{nK})$ change over the iterations. The bars are in the order of the code's
# numbers, components 0, 1, ..., $K - 1$ (the bar of component 0 shows $\gamma_{n1}$ of the formulas). The next cell
# chooses the point's index.

# %% slide="skip"
i = int(np.argmin(np.sum((X - np.array([-3.0, 3.0])) ** 2, axis=1)))
print("point", i, "at", X[i].round(2))

# %% [markdown]
# 動画の 1 フレームを描く関数 `update_bars(bars, X, params, i)` を書け。
#
# - `bars` は `ax.bar(range(K), np.zeros(K))` が返す $K$ 本の棒である ($K$ は成分の数)。
# - パラメータ `params` (`GMMParams`) のもとでの点 `X[i]` の負担率を計算し、成分 $k$ の棒の高さを
#   `bar.set_height(...)` で**その場で**書き換えて、`bars` を返す。図を描き直してはならない。
#
# 採点関数 `gt.checks.check_update_bars` は、$K = 3, 2, 4$ の 3 つのケースで関数を呼び、棒の高さが
# `gt.e_step` から求めた負担率と一致するか、`bars` が返るかを調べる。$K = 3$ と決め打ちした関数は通らない。

# %% [markdown] lang="en"
# Write a function `update_bars(bars, X, params, i)` that draws one frame of the video.
#
# - `bars` are the $K$ bars returned by `ax.bar(range(K), np.zeros(K))` ($K$ is the number of components).
# - Compute the responsibilities of the point `X[i]` under the parameters `params` (a `GMMParams`), change the height of
#   the bar of each component $k$ **in place** with `bar.set_height(...)`, and return `bars`. Do not redraw the figure.
#
# The checker `gt.checks.check_update_bars` calls your function in three cases, with $K = 3$, 2 and 4, and checks
# that the heights of the bars equal the responsibilities obtained from `gt.e_step` and that `bars` comes back. A function
# with $K = 3$ written into it does not pass.

# %% slide="skip"
def update_bars(bars, X, params, i):
    """Set the heights of the K bars to the responsibilities of X[i] under params; return bars."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_update_bars(update_bars)

# %% [markdown] slide="subslide"
# ### 演習 2: 最後のフレームでは本当に何も動いていないのか
#
# 動画の最後の 20 フレームほどでは、楕円は止まっているように見える。反復 `start` 以降 (`start` を含む) の
# 各反復 $t$ で、$K$ 個の平均のうち最も大きく動いたものの移動距離
# $\max_k \lVert \boldsymbol{\mu}_k^{(t)} - \boldsymbol{\mu}_k^{(t-1)} \rVert$ を求め、その最大値を返す関数
# `max_mean_step(result, start)` を書け。`result.history[t]` が反復 $t$ の後のパラメータ、`result.n_iter` が反復の回数である。
#
# 採点関数 `gt.checks.check_max_mean_step` は、`start` が途中の反復、`start = 1` (すべての反復)、
# `start = result.n_iter` (最後の反復だけ) の 3 つのケースで関数を調べる。

# %% [markdown] lang="en"
# ### Exercise 2: is nothing really moving in the last frames?
#
# In the last 20 or so frames of the video, the ellipses seem to stand still. For each iteration $t$ from `start` on
# (`start` included), find the distance moved by the mean that moved the most of the $K$ means,
# $\max_k \lVert \boldsymbol{\mu}_k^{(t)} - \boldsymbol{\mu}_k^{(t-1)} \rVert$, and write a function
# `max_mean_step(result, start)` that returns the largest of these distances. `result.history[t]` holds the parameters after
# iteration $t$, and `result.n_iter` is the number of iterations.
#
# The checker `gt.checks.check_max_mean_step` tries your function in three cases: `start` in the middle of the run,
# `start = 1` (every iteration) and `start = result.n_iter` (the last iteration only).

# %% slide="skip"
def max_mean_step(result, start):
    """Largest distance a mean moves in one iteration t, over start <= t <= result.n_iter."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_max_mean_step(max_mean_step)

# %% [markdown] tags=["solution-note"] slide="skip"
# ### 解答例
#
# 次のセルは解答例である (折りたたまれている)。まず自分で演習に取り組むこと。

# %% [markdown] lang="en" tags=["solution-note"]
# ### Worked solutions
#
# The following cells are worked solutions (they are collapsed). Try the exercises yourself first.

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/06_animation.py#update_bars

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/06_animation.py#max_mean_step

# %% [markdown] tags=["solution-note"] slide="skip"
# 演習 1 の関数を `FuncAnimation` の各フレームで呼べば、動画になる。次のセルは、選んだ点の負担率の動画を 8 フレームで作る。

# %% [markdown] lang="en" tags=["solution-note"]
# Calling the function of Exercise 1 in each frame of a `FuncAnimation` makes the video. The next cell makes the video of the
# chosen point's responsibilities, with 8 frames.

# %% tags=["solution-note"] slide="skip"
# NBVAL_IGNORE_OUTPUT
from matplotlib.animation import FuncAnimation

K = result.params.K
fig, ax = plt.subplots(figsize=(4, 3), dpi=50)
bars = ax.bar(range(K), np.zeros(K), color=gt.plot.component_colors(K))
ax.set(ylim=(0, 1), xticks=range(K), xlabel="Component (code index)", ylabel=r"$\gamma_{nk}$")
title = ax.set_title("")


def frame(t):
    title.set_text(f"Point {i}, iteration {t}")
    return [*update_bars(bars, X, result.history[t], i), title]


anim = FuncAnimation(fig, frame, frames=gt.animation.frame_indices(len(result.history), 8), interval=600)
plt.close(fig)
HTML(anim.to_jshtml(default_mode="once"))

# %% [markdown] tags=["solution-note"] slide="skip"
# この点の負担率は、初期値では成分 2 (緑) が最も大きく、プラトーの間は成分 1 と成分 2 が
# ほぼ半分ずつ分け合い、反復 30 を過ぎると成分 1 (橙) がほぼ 1 になる。動画の 3 つの局面が、
# 1 つの点の負担率にもそのまま現れている。
#
# 演習 2 の関数で、反復 40 以降に平均が 1 反復で動いた距離の最大値を求め、動画の 1 ピクセルの大きさと比べる。
# 動画の図で、横軸の 1 単位が何ピクセルに当たるかを計算する。

# %% [markdown] lang="en" tags=["solution-note"]
# This point's responsibility is largest for component 2 (green) at the initial values; during the plateau, components 1
# and 2 share it roughly half and half; and after iteration 30 the responsibility of component 1 (orange) becomes almost 1.
# The three phases of the video show up directly in the responsibilities of a single point.
#
# With the function of Exercise 2 we find the largest distance a mean moves in one iteration from iteration 40 on, and
# compare it with the size of one pixel of the video, by working out how many pixels one unit on the horizontal axis of the
# video's figure spans.

# %% tags=["solution-note"] slide="skip"
start = min(40, result.n_iter)  # iteration 40 of the chapter's run of 58 iterations (the last one if the run is shorter)
answer = max_mean_step(result, start)
fig = gt.plot.new_figure(gt.animation.DEFAULT_FIGSIZE, dpi=dpi)  # the size of a frame of the animation above
ax = fig.subplots()
gt.plot.EMView(ax, X, result.params.K).update(result.params)
fig.draw_without_rendering()
units_per_pixel = np.diff(ax.get_xlim())[0] / ax.get_window_extent().width
print(f"largest step of a mean from iteration {start} on: {answer:.4f}")
print(f"one pixel of the animation is {units_per_pixel:.3f} units on the x1-axis")
print(f"the largest step from iteration {start} on is {answer / units_per_pixel:.2f} pixels")

# %% [markdown] tags=["solution-note"] slide="skip"
# 反復 40 以降の最大の移動は 0.02 程度であり、平均は 1 反復に最大でも 4 分の 1 ピクセル程度しか動かない。したがって楕円は画面上で止まって
# 見えるが、パラメータは変わり続けており、対数尤度も増え続けている (05 章の右の図)。
# 「画面で動かない」ことと「収束した」ことは同じではなく、収束の判定は数値で行う必要がある。

# %% [markdown] lang="en" tags=["solution-note"]
# From iteration 40 on, the largest step is about 0.02: the means move by at most about a quarter of a pixel per iteration. So on screen the ellipses look frozen,
# but the parameters keep changing and the log-likelihood keeps increasing (the right-hand plot in chapter 05).
# "Not moving on screen" and "converged" are not the same thing: convergence has to be judged numerically.

# %% [markdown]
# ここまでで教科書の章の内容はすべて扱った。次の [07 EM はなぜうまくいくか](07_why_em_works.ipynb) からは、教科書の先へ進み、
# EM が対数尤度を減らさない理由、うまくいかない場合、K の選び方、実データと scikit-learn を扱う。

# %% [markdown] lang="en"
# This completes everything in the textbook chapter. From [07 Why EM works](07_why_em_works.ipynb) on, we go beyond it:
# why EM never lowers the log-likelihood, where it fails, how to choose K, and real data with scikit-learn.
