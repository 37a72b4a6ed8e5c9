<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>lsui::AnimationController</name>
    <message>
        <location filename="../ui/animation_controller.cpp" line="40"/>
        <source>Keyframes</source>
        <translation>关键帧</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="44"/>
        <source>Load keyframe</source>
        <translation>载入关键帧</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="63"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="68"/>
        <source>Add &amp;Keyframe</source>
        <translation>添加关键帧(&amp;K)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="68"/>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="69"/>
        <source>Add the current state to the keyframe path, after the selected keyframe</source>
        <translation>将当前状态插入到关键帧路径中所选关键帧之后</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="70"/>
        <source>E&amp;xport Sequence…</source>
        <translation>导出序列(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="70"/>
        <source>Ctrl+Shift+X</source>
        <translation>Ctrl+Shift+X</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="71"/>
        <source>Render the keyframe path to a PNG sequence, MP4 video, GIF or contact sheet</source>
        <translation>将关键帧路径渲染为 PNG 序列、MP4 视频、GIF 或缩略图总览</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="73"/>
        <location filename="../ui/animation_controller.cpp" line="321"/>
        <source>&amp;Play Path</source>
        <translation>播放路径(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="74"/>
        <source>Play the keyframe path in real time at the export frame rate (Space stops)</source>
        <translation>以导出帧率实时播放关键帧路径（空格键停止）</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="95"/>
        <source>New Path from &amp;Sweep</source>
        <translation>从扫描新建路径(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="97"/>
        <source>&amp;Prompt A → B</source>
        <translation>提示词 A → B(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="97"/>
        <source>Morph prompt A into prompt B with the latent fixed</source>
        <translation>在潜变量固定的情况下将提示词 A 渐变为提示词 B</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="98"/>
        <source>&amp;Seed Walk</source>
        <translation>种子漫游(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="98"/>
        <source>A seamless loop through five seeds from seed A on</source>
        <translation>从种子 A 开始，无缝循环经过五个种子</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="99"/>
        <source>S&amp;tyle-Mix Crossover</source>
        <translation>风格混合交叉(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="99"/>
        <source>Layer by layer from seed A to seed B, fine layers first</source>
        <translation>逐层从种子 A 过渡到种子 B，精细层优先</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="100"/>
        <source>P&amp;rompt-Mix Crossover</source>
        <translation>提示词混合交叉(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="100"/>
        <source>Layer by layer from prompt A to prompt B, fine layers first</source>
        <translation>逐层从提示词 A 过渡到提示词 B，精细层优先</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="101"/>
        <source>&amp;Truncation</source>
        <translation>截断(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="101"/>
        <source>ψ from 1 (full variety) down to 0 (the average image)</source>
        <translation>ψ 从 1（完整多样性）降到 0（平均图像）</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="108"/>
        <source>&amp;Clear Keyframes</source>
        <translation>清除关键帧(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="110"/>
        <source>Clear keyframes</source>
        <translation>清除关键帧</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="209"/>
        <source>Previewing the keyframe path; edit anything to return to your state, double-click a keyframe to load it.</source>
        <translation>正在预览关键帧路径；任意编辑即可回到您的状态，双击关键帧可将其载入。</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="224"/>
        <source>Keyframe added. Add another to make a path you can preview and export.</source>
        <translation>已添加关键帧。再添加一个即可得到可预览和导出的路径。</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="225"/>
        <source>Keyframe %1 added: %2 frames in the path.</source>
        <translation>已添加关键帧 %1：路径共 %2 帧。</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="240"/>
        <source>This model has no prompts: a prompt sweep needs a text- or class-conditional model.</source>
        <translation>此模型没有提示词：提示词扫描需要文本或类别条件模型。</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="244"/>
        <source>Prompt A → B sweep</source>
        <translation>提示词 A → B 扫描</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="251"/>
        <source>Seed walk</source>
        <translation>种子漫游</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="256"/>
        <source>Style-mix crossover</source>
        <translation>风格混合交叉</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="260"/>
        <source>This model has no prompts to mix: a prompt-mix sweep needs a text- or class-conditional model.</source>
        <translation>此模型没有可混合的提示词：提示词混合扫描需要文本或类别条件模型。</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="264"/>
        <source>Prompt-mix crossover</source>
        <translation>提示词混合交叉</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="268"/>
        <source>Truncation sweep</source>
        <translation>截断扫描</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="273"/>
        <source>%1: %2 keyframes, %3 frames. Scrub the strip to preview; Export Sequence… renders it.</source>
        <translation>%1：%2 个关键帧，%3 帧。拖动关键帧条可预览；“导出序列…”进行渲染。</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="297"/>
        <source>Open a model first: playing renders the keyframe path with the open model.</source>
        <translation>请先打开模型：播放会用已打开的模型渲染关键帧路径。</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="298"/>
        <source>There is no path to play yet (%1). Add keyframes with Animation → Add Keyframe (%2), or start from Animation → New Path from Sweep.</source>
        <translation>还没有可播放的路径（%1）。请用 动画 → 添加关键帧（%2）添加关键帧，或从 动画 → 从扫描新建路径 开始。</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="308"/>
        <source>&amp;Stop Playing</source>
        <translation>停止播放(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="323"/>
        <source>Played %1 of %2 frames in %3 s (%4 fps; the path runs at %5 fps).</source>
        <translation>在 %3 秒内播放了 %2 帧中的 %1 帧（%4 fps；路径为 %5 fps）。</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="383"/>
        <source>Playing frame %1 of 0–%2 at %3 fps — Space stops.</source>
        <translation>正在以 %3 fps 播放第 %1 帧（0–%2）——按空格键停止。</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="429"/>
        <source>Open a model first: an export renders the keyframe path with the open model.</source>
        <translation>请先打开模型：导出会用当前打开的模型渲染关键帧路径。</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="430"/>
        <source>There is no path to export yet (%1). Add keyframes with Animation → Add Keyframe (%2), or start from Animation → New Path from Sweep.</source>
        <translation>还没有可导出的路径（%1）。请用 动画 → 添加关键帧（%2）添加关键帧，或从 动画 → 从扫描新建路径 开始。</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="434"/>
        <source>An export is already running: wait for it to finish or cancel it first.</source>
        <translation>已有导出正在进行：请等待其完成或先取消。</translation>
    </message>
</context>
<context>
    <name>lsui::BlendPad</name>
    <message>
        <location filename="../ui/blend_pad.cpp" line="18"/>
        <source>prompt A</source>
        <translation>提示词 A</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="18"/>
        <source>prompt B</source>
        <translation>提示词 B</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="18"/>
        <source>seed A</source>
        <translation>种子 A</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="18"/>
        <source>seed B</source>
        <translation>种子 B</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="19"/>
        <source>Drag the point to blend four corners: left→right goes from prompt A to prompt B, top→bottom from seed A to seed B. Arrow keys move it (Shift: finer).</source>
        <translation>拖动该点以混合四个角：从左到右由提示词 A 过渡到提示词 B，从上到下由种子 A 过渡到种子 B。方向键可移动（按住 Shift 更精细）。</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="78"/>
        <source>↓ %1 → %2</source>
        <translation>↓ %1 → %2</translation>
    </message>
</context>
<context>
    <name>lsui::CanvasView</name>
    <message>
        <location filename="../ui/canvas_view.cpp" line="26"/>
        <source>The current frame. Ctrl+wheel zooms; View menu: fit, 1:1, smooth scaling.</source>
        <translation>当前帧。Ctrl+滚轮缩放；视图菜单：适应窗口、1:1、平滑缩放。</translation>
    </message>
    <message>
        <location filename="../ui/canvas_view.cpp" line="81"/>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <location filename="../ui/canvas_view.cpp" line="81"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>lsui::ComparisonPanel</name>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="68"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="69"/>
        <source>Give this pane its own seed A instead of the main one.</source>
        <translation>为此窗格使用独立的种子 A，而非主种子。</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="74"/>
        <source>This pane&apos;s seed A.</source>
        <translation>此窗格的种子 A。</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="76"/>
        <source>Promote</source>
        <translation>提升</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="77"/>
        <source>Make this pane&apos;s prompt and seed the main state.</source>
        <translation>将此窗格的提示词和种子设为主状态。</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="84"/>
        <source>This pane&apos;s place between A and B (set by the walk A → B grid).</source>
        <translation>此窗格在 A 与 B 之间的位置（由“从 A 走到 B”网格设定）。</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="93"/>
        <source>A → B: %1</source>
        <translation>A → B：%1</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="110"/>
        <source>&amp;Panes:</source>
        <translation>窗格数(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="113"/>
        <source>How many panes to compare (2–16). All render together in one batch.</source>
        <translation>要对比的窗格数量（2–16）。所有窗格在同一批次中一起渲染。</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="115"/>
        <source>C&amp;olumns:</source>
        <translation>列数(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="118"/>
        <source>Panes per row, in the panel and in the saved grid image.</source>
        <translation>每行的窗格数，适用于面板和保存的网格图像。</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="120"/>
        <source>&amp;Walk A → B</source>
        <translation>从 A 走到 B(&amp;W)</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="122"/>
        <source>Fill the grid with rows of seeds (seed A, A+1, …), each walking from prompt or class A to B across its columns — the BigGAN demo&apos;s interpolation grid, rendered in one batch.</source>
        <translation>用多行种子（种子 A、A+1、…）填满网格，每一行沿各列从提示词或类别 A 走到 B——即 BigGAN 演示的插值网格，一次批量渲染。</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="124"/>
        <source>Save &amp;Grid…</source>
        <translation>保存网格(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="125"/>
        <source>Save all panes as one PNG image.</source>
        <translation>将所有窗格保存为一张 PNG 图像。</translation>
    </message>
</context>
<context>
    <name>lsui::DirectionsPanel</name>
    <message>
        <location filename="../ui/directions_panel.cpp" line="56"/>
        <source>Find directions</source>
        <translation>查找方向</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="60"/>
        <source>SeFa (closed form, instant)</source>
        <translation>SeFa（闭式解，即时）</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="61"/>
        <source>GANSpace (PCA of sampled w)</source>
        <translation>GANSpace（采样 w 的 PCA）</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="62"/>
        <source>SeFa factorises the layers&apos; style weights; GANSpace finds the axes along which the model&apos;s w vary most over many samples.</source>
        <translation>SeFa 分解各层的风格权重；GANSpace 在大量样本上找出模型 w 变化最大的轴。</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="64"/>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="67"/>
        <location filename="../ui/directions_panel.cpp" line="397"/>
        <source>All layers</source>
        <translation>所有层</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="67"/>
        <source>Coarse (layout)</source>
        <translation>粗层（布局）</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="67"/>
        <location filename="../ui/directions_panel.cpp" line="397"/>
        <source>Middle</source>
        <translation>中层</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="67"/>
        <source>Fine (colour, texture)</source>
        <translation>细层（颜色、纹理）</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="68"/>
        <source>SeFa factorises these layers&apos; weights; the directions found move these layers.</source>
        <translation>SeFa 分解这些层的权重；找到的方向移动这些层。</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="69"/>
        <source>&amp;Layers:</source>
        <translation>层(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="74"/>
        <source>&amp;Count:</source>
        <translation>数量(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="81"/>
        <source>GANSpace: how many mapped w to analyse (10,000 is plenty).</source>
        <translation>GANSpace：要分析多少个映射后的 w（10,000 足够）。</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="82"/>
        <source>&amp;Samples:</source>
        <translation>样本数(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="84"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="86"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="98"/>
        <source>From two states</source>
        <translation>由两个状态</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="100"/>
        <source>Seed A → seed B</source>
        <translation>种子 A → 种子 B</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="102"/>
        <source>A direction from seed A&apos;s w to seed B&apos;s: amount 1 adds exactly their difference to any state.</source>
        <translation>从种子 A 的 w 指向种子 B 的 w 的方向：强度 1 会把二者之差原样加到任何状态上。</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="103"/>
        <source>Prompt A → prompt B</source>
        <translation>提示词 A → 提示词 B</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="105"/>
        <source>A direction from prompt (or class) A&apos;s w to B&apos;s, for seed A: e.g. “a smiling face” − “a face”.</source>
        <translation>在种子 A 下，从提示词（或类别）A 的 w 指向 B 的 w 的方向：例如“一张微笑的脸” − “一张脸”。</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="106"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="107"/>
        <source>Sa&amp;ve…</source>
        <translation>保存(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="114"/>
        <location filename="../ui/directions_panel.cpp" line="183"/>
        <source>No directions yet: find some, or make one from two states.</source>
        <translation>还没有方向：查找一些，或由两个状态生成一个。</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="151"/>
        <source>Direction from two seeds</source>
        <translation>由两个种子生成方向</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="151"/>
        <location filename="../ui/directions_panel.cpp" line="161"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="152"/>
        <source>seed %1 → seed %2</source>
        <translation>种子 %1 → 种子 %2</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="159"/>
        <source>class %1 → class %2</source>
        <translation>类别 %1 → 类别 %2</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="160"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="161"/>
        <source>Direction from two prompts</source>
        <translation>由两个提示词生成方向</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="184"/>
        <source>This model has no W space (BigGAN): directions do not apply to it.</source>
        <translation>此模型没有 W 空间（BigGAN）：方向不适用。</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="221"/>
        <location filename="../ui/directions_panel.cpp" line="427"/>
        <source>This model has no layers of that kind.</source>
        <translation>此模型没有这类层。</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="229"/>
        <location filename="../ui/directions_panel.cpp" line="234"/>
        <location filename="../ui/directions_panel.cpp" line="289"/>
        <source>Find GANSpace directions</source>
        <translation>查找 GANSpace 方向</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="281"/>
        <source>Finding directions failed: %1</source>
        <translation>查找方向失败：%1</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="289"/>
        <source>Find SeFa directions</source>
        <translation>查找 SeFa 方向</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/directions_panel.cpp" line="300"/>
        <source>%n direction(s) found; drag their sliders, or press ▶ for a strip.</source>
        <translation>
            <numerusform>找到 %n 个方向；拖动其滑块，或按 ▶ 查看条带。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="308"/>
        <source>difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="315"/>
        <source>No direction: %1</source>
        <translation>无方向：%1</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="318"/>
        <source>Add direction</source>
        <translation>添加方向</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="382"/>
        <source>From %1; one σ is %2 in W</source>
        <translation>来自 %1；一个 σ 在 W 中为 %2</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="385"/>
        <source>Show me: −3σ … +3σ along this direction</source>
        <translation>展示：沿此方向 −3σ … +3σ</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="388"/>
        <source>Remove this direction</source>
        <translation>移除此方向</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="392"/>
        <source>Amount (σ):</source>
        <translation>强度（σ）：</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="397"/>
        <source>Coarse</source>
        <translation>粗层</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="397"/>
        <source>Fine</source>
        <translation>细层</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="397"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="402"/>
        <source>from </source>
        <translation>从 </translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="403"/>
        <source>to </source>
        <translation>到 </translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="404"/>
        <source>The first w index this direction moves</source>
        <translation>此方向移动的第一个 w 索引</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="405"/>
        <source>The w index it stops before</source>
        <translation>它停止之前的 w 索引</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="419"/>
        <source>Direction amount</source>
        <translation>方向强度</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="442"/>
        <source>Remove direction</source>
        <translation>移除方向</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="457"/>
        <source>Direction layers</source>
        <translation>方向的层</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="486"/>
        <source>Along %1:</source>
        <translation>沿 %1：</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="496"/>
        <source>The strip could not be rendered: %1</source>
        <translation>无法渲染条带：%1</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="526"/>
        <source>Open Directions</source>
        <translation>打开方向</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="526"/>
        <location filename="../ui/directions_panel.cpp" line="547"/>
        <source>Directions (*.json)</source>
        <translation>方向（*.json）</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="533"/>
        <source>Open directions</source>
        <translation>打开方向</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="544"/>
        <source>There are no directions to save.</source>
        <translation>没有可保存的方向。</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="547"/>
        <source>Save Directions</source>
        <translation>保存方向</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="556"/>
        <source>Could not save the directions: %1</source>
        <translation>无法保存方向：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/directions_panel.cpp" line="558"/>
        <source>Saved %n direction(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个方向保存到 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lsui::ExportDialog</name>
    <message>
        <location filename="../ui/export_dialog.cpp" line="24"/>
        <location filename="../ui/export_dialog.cpp" line="85"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="26"/>
        <source>PNG frames (folder)</source>
        <translation>PNG 帧（文件夹）</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="27"/>
        <source>MP4 video</source>
        <translation>MP4 视频</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="28"/>
        <source>Animated GIF</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="29"/>
        <source>Contact sheet (PNG)</source>
        <translation>缩略图总览（PNG）</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="38"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="39"/>
        <source>Output size in pixels; &quot;auto&quot; keeps the model&apos;s size, or follows the other side at the model&apos;s aspect ratio</source>
        <translation>输出尺寸（像素）；“自动”保持模型的尺寸，或按模型的宽高比跟随另一边</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="43"/>
        <source>Hard pixels (nearest neighbour)</source>
        <translation>硬像素（最近邻）</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="52"/>
        <source>Frames rendered per engine call; larger is faster, range exports match for equal batch sizes</source>
        <translation>每次引擎调用渲染的帧数；越大越快，批大小相同时分段导出结果一致</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="54"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="55"/>
        <source>Replace an existing output</source>
        <translation>替换已有的输出</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="56"/>
        <source>Finish an interrupted export in this folder</source>
        <translation>在此文件夹中完成中断的导出</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="57"/>
        <source>Keeps the frames already there that match this path and model, and renders the rest</source>
        <translation>保留已有的与此路径和模型相符的帧，只渲染其余的帧</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="68"/>
        <source>to (excluding)</source>
        <translation>到（不含）</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="75"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="76"/>
        <source>Frames per second</source>
        <translation>每秒帧数</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="77"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="79"/>
        <source>Frames (of %1)</source>
        <translation>帧（共 %1）</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="80"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="81"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="126"/>
        <source>a folder for the frames</source>
        <translation>存放帧的文件夹</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="126"/>
        <source>the file to write</source>
        <translation>要写入的文件</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="136"/>
        <source>Folder for the frames</source>
        <translation>存放帧的文件夹</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="138"/>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="139"/>
        <source>GIF animation (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="140"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="141"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
</context>
<context>
    <name>lsui::ExportProgressDialog</name>
    <message>
        <location filename="../ui/export_dialog.cpp" line="162"/>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="168"/>
        <source>%1 of %2 frames</source>
        <translation>%1 / %2 帧</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="169"/>
        <source>Opening the model…</source>
        <translation>正在打开模型…</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="170"/>
        <source>Closing this window leaves the export running; Export Sequence… shows it again.</source>
        <translation>关闭此窗口不会停止导出；“导出序列…”可再次显示它。</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="171"/>
        <source>Cancel Export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="205"/>
        <source>Cancelling after the current batch…</source>
        <translation>当前批次完成后取消…</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="196"/>
        <source>%1 of %2 frames · %3 fps · %4 s left</source>
        <translation>%1 / %2 帧 · %3 帧/秒 · 剩余 %4 秒</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="172"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>lsui::ExportTask</name>
    <message>
        <location filename="../ui/export_task.cpp" line="58"/>
        <source>Exported %1 frames to %2 (%3 fps)</source>
        <translation>已导出 %1 帧到 %2（%3 帧/秒）</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/export_task.cpp" line="60"/>
        <source>; %n finished frame(s) kept from the interrupted export</source>
        <translation>
            <numerusform>；保留了中断导出中已完成的 %n 帧</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/export_task.cpp" line="62"/>
        <source>, %1</source>
        <translation>，%1</translation>
    </message>
</context>
<context>
    <name>lsui::ImageMetadata</name>
    <message>
        <location filename="../ui/image_metadata.cpp" line="19"/>
        <source>There is no image to save yet: wait for the first frame.</source>
        <translation>还没有可保存的图像：请等待第一帧。</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="29"/>
        <source>%1 Choose a folder you can write to, or free some space.</source>
        <translation>%1 请选择一个可写入的文件夹，或释放一些磁盘空间。</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="38"/>
        <source>Could not read %1 as a PNG image: %2 Only PNG images saved by Latent Studio carry their settings.</source>
        <translation>无法将 %1 作为 PNG 图像读取：%2 只有 Latent Studio 保存的 PNG 图像才带有其设置。</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="44"/>
        <source>%1 has no Latent Studio metadata, so there is no state to restore. Only images saved by Latent Studio (Save Image, export) carry their settings.</source>
        <translation>%1 不含 Latent Studio 元数据，因此没有可恢复的状态。只有由 Latent Studio 保存的图像（保存图像、导出）才带有其设置。</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="49"/>
        <location filename="../ui/image_metadata.cpp" line="53"/>
        <source>The settings stored in %1 are damaged: %2</source>
        <translation>%1 中保存的设置已损坏：%2</translation>
    </message>
</context>
<context>
    <name>lsui::KeyframeStrip</name>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="60"/>
        <source>Keyframes: drag to reorder, double-click to load into the editor</source>
        <translation>关键帧：拖动以重新排序，双击载入编辑器</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="62"/>
        <source>Add keyframe</source>
        <translation>添加关键帧</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="63"/>
        <source>Add the current edit state as a keyframe</source>
        <translation>将当前编辑状态添加为关键帧</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="64"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="66"/>
        <source>Move the selected keyframe earlier in the path</source>
        <translation>将所选关键帧在路径中前移</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="68"/>
        <source>Move the selected keyframe later in the path</source>
        <translation>将所选关键帧在路径中后移</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="74"/>
        <source> frames</source>
        <translation> 帧</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="74"/>
        <source> frame</source>
        <translation> 帧</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="77"/>
        <source>Frames from the selected keyframe to the next</source>
        <translation>从所选关键帧到下一个关键帧的帧数</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="79"/>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="80"/>
        <source>Ease in-out</source>
        <translation>缓入缓出</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="81"/>
        <source>Smoothstep</source>
        <translation>平滑阶梯</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="83"/>
        <source>Play once</source>
        <translation>播放一次</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="84"/>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="85"/>
        <source>Ping-pong</source>
        <translation>往返</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="87"/>
        <source>Scrub through the path to preview any frame</source>
        <translation>拖动浏览路径以预览任意帧</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="134"/>
        <location filename="../ui/keyframe_strip.cpp" line="259"/>
        <source>frame %1 of 0–%2</source>
        <translation>第 %1 帧（0–%2）</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="250"/>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="254"/>
        <source>%1 — seed %2</source>
        <translation>%1 — 种子 %2</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="254"/>
        <source>no prompt</source>
        <translation>无提示词</translation>
    </message>
</context>
<context>
    <name>lsui::LatentPanel</name>
    <message>
        <location filename="../ui/latent_panel.cpp" line="23"/>
        <source>Seed &amp;A:</source>
        <translation>种子 A(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="25"/>
        <source>Seed A picks the latent z (0 … 4294967295). Alt+←/→ steps, Ctrl+R randomises.</source>
        <translation>种子 A 决定潜在向量 z（0 … 4294967295）。Alt+←/→ 逐个切换，Ctrl+R 随机选择。</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="26"/>
        <source>Seed &amp;B:</source>
        <translation>种子 B(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="28"/>
        <source>Seed B: the other end of latent interpolation and the source of style mixing.</source>
        <translation>种子 B：潜在插值的另一端，也是风格混合的来源。</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="32"/>
        <source>Seed A→B:</source>
        <translation>种子 A→B：</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="35"/>
        <source>Latent interpolation between the z of seed A (0) and seed B (1).</source>
        <translation>在种子 A（0）与种子 B（1）的 z 之间进行潜在插值。</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="38"/>
        <source>Spherical (slerp)</source>
        <translation>球面 (slerp)</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="39"/>
        <source>Linear (lerp)</source>
        <translation>线性 (lerp)</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="40"/>
        <source>Spherical interpolation keeps z on the shell where Gaussian samples live.</source>
        <translation>球面插值让 z 保持在高斯样本所在的球壳上。</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="42"/>
        <source>Latent blend:</source>
        <translation>潜在混合：</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="44"/>
        <source>Truncation ψ:</source>
        <translation>截断 ψ：</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="164"/>
        <source>BigGAN truncation: scales the truncated-normal noise and picks the batch-norm statistics learnt for that scale. Low values (0.2–0.5) give typical, clean images of the class; 1 the most varied.</source>
        <translation>BigGAN 截断：缩放截断正态噪声，并选用为该尺度学得的批归一化统计量。较低的值（0.2–0.5）给出该类别典型、干净的图像；1 最为多样。</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="169"/>
        <source>Pulls w toward the average w: below 1 more typical and less varied, 0 the average image, above 1 more extreme.</source>
        <translation>将 w 拉向平均 w：小于 1 更典型、变化更少，0 为平均图像，大于 1 更极端。</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="50"/>
        <source>all layers</source>
        <translation>所有层</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="51"/>
        <source>Truncate only the first N w indices (coarse layers); “all layers” truncates every one.</source>
        <translation>仅截断前 N 个 w 索引（粗层）；“所有层”则截断全部。</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="52"/>
        <source>Truncation &amp;cutoff:</source>
        <translation>截断范围(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="62"/>
        <source>Constant</source>
        <translation>常量</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="63"/>
        <source>Random (noise seed)</source>
        <translation>随机（噪声种子）</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="64"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="65"/>
        <source>Per-pixel noise inputs: the model&apos;s stored constant noise, noise from the noise seed, or none.</source>
        <translation>逐像素噪声输入：模型中保存的常量噪声、由噪声种子生成的噪声，或不使用噪声。</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="66"/>
        <source>&amp;Noise:</source>
        <translation>噪声(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="68"/>
        <source>Seed of the random noise (used when noise is Random).</source>
        <translation>随机噪声的种子（噪声设为随机时使用）。</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="69"/>
        <source>Noise seed:</source>
        <translation>噪声种子：</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="74"/>
        <source>Move and turn</source>
        <translation>移动与旋转</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="77"/>
        <source>Move &amp;X:</source>
        <translation>水平移动(&amp;X):</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="79"/>
        <source>Moves the picture right (positive) or left, in frame widths.</source>
        <translation>向右（正值）或向左移动画面，单位为画面宽度。</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="80"/>
        <source>Move &amp;Y:</source>
        <translation>垂直移动(&amp;Y):</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="82"/>
        <source>Moves the picture down (positive) or up, in frame heights.</source>
        <translation>向下（正值）或向上移动画面，单位为画面高度。</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="83"/>
        <source>&amp;Turn:</source>
        <translation>旋转(&amp;T):</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="85"/>
        <source>Turns the picture, in degrees.</source>
        <translation>旋转画面，单位为度。</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="91"/>
        <source>Re&amp;set Move and Turn</source>
        <translation>重置移动与旋转(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="102"/>
        <source>Seed A</source>
        <translation>种子 A</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="105"/>
        <source>Seed B</source>
        <translation>种子 B</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="109"/>
        <source>Latent interpolation</source>
        <translation>潜在插值</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="112"/>
        <source>Latent blend mode</source>
        <translation>潜在混合方式</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="118"/>
        <source>Truncation</source>
        <translation>截断</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="123"/>
        <source>Truncation cutoff</source>
        <translation>截断范围</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="126"/>
        <source>Noise mode</source>
        <translation>噪声模式</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="132"/>
        <source>Noise seed</source>
        <translation>噪声种子</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="137"/>
        <location filename="../ui/latent_panel.cpp" line="140"/>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="143"/>
        <source>Turn</source>
        <translation>旋转</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="146"/>
        <source>Reset move and turn</source>
        <translation>重置移动与旋转</translation>
    </message>
</context>
<context>
    <name>lsui::LayerMixPanel</name>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="32"/>
        <source>&amp;Crossover:</source>
        <translation>交叉点(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="35"/>
        <source>The first w index that the presets treat as fine. Layers before it are coarse.</source>
        <translation>预设视为细层的第一个 w 索引。其之前的层为粗层。</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="46"/>
        <source>Coarse from B</source>
        <translation>粗层取自 B</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="46"/>
        <source>Layers before the crossover take %1; the rest %2.</source>
        <translation>交叉点之前的层取 %1，其余取 %2。</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="48"/>
        <source>Fine from B</source>
        <translation>细层取自 B</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="48"/>
        <source>Layers from the crossover on take %1; the rest %2.</source>
        <translation>从交叉点开始的层取 %1，其余取 %2。</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="50"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="50"/>
        <source>Every layer takes %1 (reset).</source>
        <translation>每一层都取 %1（重置）。</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="86"/>
        <source>Coarse (pose, layout)</source>
        <translation>粗层（姿态、布局）</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="87"/>
        <source>Middle (features)</source>
        <translation>中层（特征）</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="88"/>
        <source>Fine (colour, texture)</source>
        <translation>细层（颜色、纹理）</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="103"/>
        <source>w%1 · %2 px</source>
        <translation>w%1 · %2 像素</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="106"/>
        <source>Layer %1 (%2): 0 takes %3, 1 takes %4, between blends.</source>
        <translation>第 %1 层（%2）：0 取 %3，1 取 %4，中间值为混合。</translation>
    </message>
</context>
<context>
    <name>lsui::LayerViewPanel</name>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="21"/>
        <source>&amp;Show a layer&apos;s activations</source>
        <translation>显示某一层的激活(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="23"/>
        <source>Renders the canvas frame with the chosen layer&apos;s output beside it (every layer then runs: a little slower).</source>
        <translation>渲染画面时在旁边显示所选层的输出（此时每一层都要运行：稍慢）。</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="29"/>
        <source>&amp;Layer:</source>
        <translation>层(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="32"/>
        <source>Channels (grid)</source>
        <translation>通道（网格）</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="33"/>
        <source>One channel</source>
        <translation>单个通道</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="34"/>
        <source>Mean |x|</source>
        <translation>平均 |x|</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="35"/>
        <source>A grid of up to %1 channels from the chosen one on, each scaled to its own range; one channel (orange positive, blue negative); or the mean magnitude over all channels.</source>
        <translation>从所选通道起最多 %1 个通道的网格，各自按自身范围缩放；单个通道（橙色为正，蓝色为负）；或所有通道的平均幅值。</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="37"/>
        <source>&amp;View:</source>
        <translation>视图(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="40"/>
        <source>&amp;Channel:</source>
        <translation>通道(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="79"/>
        <source>%1 · %2 ch · %3 px</source>
        <translation>%1 · %2 通道 · %3 px</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="85"/>
        <source>This model&apos;s layers cannot be shown.</source>
        <translation>无法显示此模型的层。</translation>
    </message>
</context>
<context>
    <name>lsui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="94"/>
        <source>No model loaded — open one with File → Open Model… (Ctrl+O) or drop a .safetensors or .pkl file here.</source>
        <translation>未加载模型 —— 请通过 文件 → 打开模型…（Ctrl+O）打开，或将 .safetensors 或 .pkl 文件拖到此处。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="180"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="185"/>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="185"/>
        <source>Open a .safetensors model or an NVlabs .pkl snapshot</source>
        <translation>打开 .safetensors 模型或 NVlabs .pkl 快照</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="187"/>
        <source>Open &amp;Session…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="187"/>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="187"/>
        <source>Open a saved .lstudio session</source>
        <translation>打开已保存的 .lstudio 会话</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="188"/>
        <source>&amp;Save Session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="188"/>
        <source>Save the whole studio state as a session</source>
        <translation>将整个工作室状态保存为会话</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="190"/>
        <source>Save Session &amp;As…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="190"/>
        <source>Save the session under a new name</source>
        <translation>以新名称保存会话</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="191"/>
        <source>Save &amp;Image…</source>
        <translation>保存图像(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="191"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="192"/>
        <source>Save the current frame as PNG with its settings embedded</source>
        <translation>将当前帧保存为嵌入设置的 PNG</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="194"/>
        <source>Save Comparison &amp;Grid…</source>
        <translation>保存对比网格(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="194"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="194"/>
        <source>Save all comparison panes as one image</source>
        <translation>将所有对比窗格保存为一张图像</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="195"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="195"/>
        <source>Close Latent Studio</source>
        <translation>关闭 Latent Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="198"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="201"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="202"/>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="207"/>
        <source>&amp;Previous Seed A</source>
        <translation>上一个种子 A(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="207"/>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="207"/>
        <source>Seed A − 1</source>
        <translation>种子 A − 1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="209"/>
        <source>&amp;Next Seed A</source>
        <translation>下一个种子 A(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="209"/>
        <source>Alt+Right</source>
        <translation>Alt+Right</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="209"/>
        <source>Seed A + 1</source>
        <translation>种子 A + 1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="211"/>
        <source>&amp;Random Seed A</source>
        <translation>随机种子 A(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="211"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="211"/>
        <source>A random seed A</source>
        <translation>随机的种子 A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="213"/>
        <source>Previous Seed B</source>
        <translation>上一个种子 B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="213"/>
        <source>Alt+Shift+Left</source>
        <translation>Alt+Shift+Left</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="213"/>
        <source>Seed B − 1</source>
        <translation>种子 B − 1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="214"/>
        <source>Next Seed B</source>
        <translation>下一个种子 B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="214"/>
        <source>Alt+Shift+Right</source>
        <translation>Alt+Shift+Right</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="214"/>
        <source>Seed B + 1</source>
        <translation>种子 B + 1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="215"/>
        <source>Random Seed B</source>
        <translation>随机种子 B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="215"/>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="215"/>
        <source>A random seed B</source>
        <translation>随机的种子 B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="216"/>
        <source>&amp;Swap A and B</source>
        <translation>交换 A 和 B(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="216"/>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="216"/>
        <source>Swap prompts, classes and seeds of sides A and B</source>
        <translation>交换 A、B 两侧的提示词、类别和种子</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="218"/>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="218"/>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="218"/>
        <source>Scale the frame to fit the window</source>
        <translation>缩放画面以适应窗口</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="220"/>
        <source>&amp;Actual Size (1:1)</source>
        <translation>实际大小 (1:1)(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="220"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="220"/>
        <source>One image pixel per screen pixel</source>
        <translation>每个图像像素对应一个屏幕像素</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="222"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="222"/>
        <source>Zoom in (×2)</source>
        <translation>放大（×2）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="223"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="223"/>
        <source>Zoom out (÷2)</source>
        <translation>缩小（÷2）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="224"/>
        <source>&amp;Smooth Scaling</source>
        <translation>平滑缩放(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="224"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="224"/>
        <source>Smooth (bilinear) or nearest-neighbour scaling</source>
        <translation>平滑（双线性）或最近邻缩放</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="246"/>
        <source>Next seed A</source>
        <translation>下一个种子 A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="247"/>
        <source>Previous seed A</source>
        <translation>上一个种子 A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="249"/>
        <source>Next seed B</source>
        <translation>下一个种子 B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="250"/>
        <source>Previous seed B</source>
        <translation>上一个种子 B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="253"/>
        <source>Swap A and B</source>
        <translation>交换 A 和 B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="263"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="266"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="278"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="292"/>
        <source>&amp;Animation</source>
        <translation>动画(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="295"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="296"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="306"/>
        <source>Live &amp;Control (OSC)</source>
        <translation>实时控制（OSC）(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="309"/>
        <source>Listen for OSC messages (TouchDesigner, Max, a MIDI bridge) that set every slider; see docs/osc.md</source>
        <translation>监听设置各个滑块的 OSC 消息（TouchDesigner、Max、MIDI 桥接）；见 docs/osc.md</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="315"/>
        <location filename="../ui/main_window.cpp" line="331"/>
        <location filename="../ui/main_window.cpp" line="431"/>
        <source>Live control is off: %1</source>
        <translation>实时控制已关闭：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="317"/>
        <source>Listening for OSC on UDP port %1</source>
        <translation>正在 UDP 端口 %1 上监听 OSC</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="320"/>
        <source>Live Control &amp;Port…</source>
        <translation>实时控制端口(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="323"/>
        <source>Live Control Port</source>
        <translation>实时控制端口</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="323"/>
        <source>UDP port for OSC messages:</source>
        <translation>OSC 消息的 UDP 端口：</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="337"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="341"/>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="341"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="341"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="353"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="357"/>
        <source>System Default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="367"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="368"/>
        <source>&amp;About Latent Studio</source>
        <translation>关于 Latent Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="370"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="375"/>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="406"/>
        <source>The open model</source>
        <translation>当前打开的模型</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="407"/>
        <source>The device the model renders on</source>
        <translation>模型渲染所用的设备</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="408"/>
        <source>Output resolution</source>
        <translation>输出分辨率</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="409"/>
        <source>Time of the last render, and frames shown per second</source>
        <translation>上次渲染耗时，以及每秒显示的帧数</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="410"/>
        <source>Canvas zoom</source>
        <translation>画布缩放</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="411"/>
        <source>No model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="412"/>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="415"/>
        <source>Cancel Opening</source>
        <translation>取消打开</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="417"/>
        <source>Stop opening the model and keep the one that is open</source>
        <translation>停止打开该模型，保留当前已打开的模型</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="424"/>
        <source>Live control: the OSC port, the messages received and those refused (unknown address, wrong type, out of range, not OSC)</source>
        <translation>实时控制：OSC 端口、已接收的消息和被拒绝的消息（未知地址、类型错误、超出范围、不是 OSC）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="463"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="465"/>
        <source>Prompts</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="467"/>
        <source>Latent</source>
        <translation>潜在空间</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="469"/>
        <location filename="../ui/main_window.cpp" line="811"/>
        <location filename="../ui/main_window.cpp" line="815"/>
        <location filename="../ui/main_window.cpp" line="819"/>
        <source>seed A</source>
        <translation>种子 A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="469"/>
        <location filename="../ui/main_window.cpp" line="811"/>
        <location filename="../ui/main_window.cpp" line="815"/>
        <location filename="../ui/main_window.cpp" line="819"/>
        <source>seed B</source>
        <translation>种子 B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="470"/>
        <source>Style mixing: each layer takes its w from seed A (0) or seed B (1). Coarse layers set pose and layout, fine layers colour and texture.</source>
        <translation>风格混合：每一层从种子 A（0）或种子 B（1）获取 w。粗层决定姿态和布局，细层决定颜色和纹理。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="472"/>
        <source>Style Mixing</source>
        <translation>风格混合</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="473"/>
        <location filename="../ui/main_window.cpp" line="811"/>
        <source>prompt A</source>
        <translation>提示词 A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="473"/>
        <location filename="../ui/main_window.cpp" line="811"/>
        <source>prompt B</source>
        <translation>提示词 B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="474"/>
        <source>Prompt mixing: each layer reads prompt A (0) or prompt B (1): e.g. the layout of one prompt with the texture of another.</source>
        <translation>提示词混合：每一层读取提示词 A（0）或提示词 B（1），例如取一个提示词的布局与另一个提示词的纹理。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="476"/>
        <source>Prompt Mixing</source>
        <translation>提示词混合</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="481"/>
        <source>Blend Pad</source>
        <translation>混合面板</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="484"/>
        <source>&lt;start&gt;</source>
        <translation>&lt;开始&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="485"/>
        <source>Every edit, newest last. Click an entry to go back to it.</source>
        <translation>所有编辑，最新的在最后。点击某一项即可回到该状态。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="486"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="494"/>
        <source>Comparison</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="511"/>
        <source>Directions</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="517"/>
        <source>Layer View</source>
        <translation>层视图</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="529"/>
        <source>Style mixing</source>
        <translation>风格混合</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="533"/>
        <source>Prompt mixing</source>
        <translation>提示词混合</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="537"/>
        <source>Blend pad</source>
        <translation>混合面板</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="547"/>
        <source>Comparison panes</source>
        <translation>对比窗格</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="555"/>
        <source>Walk A → B grid</source>
        <translation>“从 A 走到 B”网格</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="589"/>
        <source>Prompt A</source>
        <translation>提示词 A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="589"/>
        <source>Prompt B</source>
        <translation>提示词 B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="592"/>
        <source>Comparison pane “%1”</source>
        <translation>对比窗格“%1”</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="596"/>
        <source>%1 is %2 CLIP tokens; the model reads the first %3 and ignores the rest.</source>
        <translation>%1 有 %2 个 CLIP 词元；模型只读取前 %3 个，其余忽略。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="604"/>
        <source>Prompt A: %1</source>
        <translation>提示词 A：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="607"/>
        <source>Prompt B: %1</source>
        <translation>提示词 B：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="613"/>
        <source>Comparison pane “%1”: %2</source>
        <translation>对比窗格“%1”：%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="640"/>
        <source>Not rendered: %1</source>
        <translation>未渲染：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="695"/>
        <source>%1 ms · %2 fps</source>
        <translation>%1 毫秒 · %2 帧/秒</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="698"/>
        <source> · preview at 1/%1 size, full frame when the drag ends</source>
        <translation> · 预览为 1/%1 尺寸，拖动结束后显示完整图像</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="707"/>
        <source>Rendering failed: %1</source>
        <translation>渲染失败：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="737"/>
        <location filename="../ui/main_window.cpp" line="739"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="790"/>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="799"/>
        <source>This model has no prompts to mix. Open a text- or class-conditional model.</source>
        <translation>此模型没有可混合的提示词。请打开文本条件或类别条件模型。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="806"/>
        <source>Prompt for this pane (empty: prompt A)</source>
        <translation>此窗格的提示词（留空：提示词 A）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="813"/>
        <source>Class name or number for this pane (empty: class A)</source>
        <translation>此窗格的类别名称或编号（留空：类别 A）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="815"/>
        <source>class A</source>
        <translation>类别 A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="815"/>
        <source>class B</source>
        <translation>类别 B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="817"/>
        <source>This model has no prompts: give panes their own seeds</source>
        <translation>此模型没有提示词：请为各窗格设置独立种子</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="819"/>
        <source>(no prompts)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="822"/>
        <source>Rendering the first frame…</source>
        <translation>正在渲染第一帧…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="827"/>
        <source>%1 × %1 px</source>
        <translation>%1 × %1 像素</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="828"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="872"/>
        <location filename="../ui/main_window.cpp" line="1071"/>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="874"/>
        <source>The session was saved with a different version of this model (its SHA-256 differs); the images may not match what was saved.</source>
        <translation>该会话是用此模型的另一个版本保存的（SHA-256 不同）；图像可能与保存时不一致。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="877"/>
        <source>The session was saved with another CLIP text encoder (its SHA-256 differs from %1&apos;s); the images may not match what was saved.</source>
        <translation>该会话保存时使用的是另一个 CLIP 文本编码器（其 SHA-256 与 %1 的不同）；图像可能与保存时不一致。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="953"/>
        <source>Choose the CLIP Text Encoder for %1</source>
        <translation>为 %1 选择 CLIP 文本编码器</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="955"/>
        <source>CLIP text encoders (*.safetensors);;All files (*)</source>
        <translation>CLIP 文本编码器 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="968"/>
        <source>No model loaded — %1 could not be opened. Open another with File → Open Model….</source>
        <translation>未加载模型 —— 无法打开 %1。请通过 文件 → 打开模型… 打开其他模型。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="946"/>
        <location filename="../ui/main_window.cpp" line="974"/>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="983"/>
        <source>Opening %1 was cancelled. Open a model with File → Open Model….</source>
        <translation>已取消打开 %1。请通过“文件 → 打开模型…”打开模型。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="985"/>
        <source>Opening %1 was cancelled; %2</source>
        <translation>已取消打开 %1；%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="986"/>
        <source>%1 stays open.</source>
        <translation>%1 仍保持打开。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="986"/>
        <source>no model is open.</source>
        <translation>没有打开的模型。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="999"/>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1002"/>
        <source>opening %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1022"/>
        <source>Could not save the session: %1</source>
        <translation>无法保存会话：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1028"/>
        <source>Saved session %1</source>
        <translation>已保存会话 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1037"/>
        <source>Could not open the session %1: %2</source>
        <translation>无法打开会话 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1069"/>
        <source>The session&apos;s model %1 was not found; its settings are applied to the open model.</source>
        <translation>未找到会话的模型 %1；其设置将应用于当前打开的模型。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1072"/>
        <source>Opened session %1</source>
        <translation>已打开会话 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1081"/>
        <source>The canvas shows a reduced preview while a slider is dragged; save once the full frame is shown.</source>
        <translation>拖动滑块时画布显示的是缩小的预览；请在显示完整图像后再保存。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1098"/>
        <source>Saved %1 (its settings are embedded: drop it back here to restore them)</source>
        <translation>已保存 %1（设置已嵌入：将其拖回此处即可恢复）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1113"/>
        <source>Saved the comparison grid to %1</source>
        <translation>对比网格已保存到 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1126"/>
        <source>Restore from %1</source>
        <translation>从 %1 恢复</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1128"/>
        <source>Restored the settings of %1. Open its model (%2) to render them.</source>
        <translation>已恢复 %1 的设置。请打开其模型（%2）进行渲染。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1129"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1131"/>
        <source>%1 was made with a different model (%2); its settings are applied to the open model, so the result will differ from the image.</source>
        <translation>%1 是用另一个模型（%2）生成的；其设置将应用于当前打开的模型，因此结果会与该图像不同。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1135"/>
        <source>Restored the settings of %1</source>
        <translation>已恢复 %1 的设置</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1153"/>
        <source>Promote pane %1</source>
        <translation>提升窗格 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1171"/>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1176"/>
        <source>opening another model</source>
        <translation>打开另一个模型</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1184"/>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1185"/>
        <source>Sessions and images (*.lstudio *.json *.png);;All files (*)</source>
        <translation>会话和图像 (*.lstudio *.json *.png);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1203"/>
        <source>Save Session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1204"/>
        <source>Latent Studio sessions (*.lstudio)</source>
        <translation>Latent Studio 会话 (*.lstudio)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1232"/>
        <source>Save Image</source>
        <translation>保存图像</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1372"/>
        <source>An export is still running. Cancel it and quit? The frames written so far stay in the output folder.</source>
        <translation>仍有导出正在进行。要取消并退出吗？已写入的帧会保留在输出文件夹中。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1376"/>
        <source>Export Running</source>
        <translation>导出进行中</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1218"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1172"/>
        <source>Models (*.safetensors *.pkl pytorch_model.bin);;All files (*)</source>
        <translation>模型 (*.safetensors *.pkl pytorch_model.bin);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1240"/>
        <source>Save Comparison Grid</source>
        <translation>保存对比网格</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1246"/>
        <source>About Latent Studio</source>
        <translation>关于 Latent Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1247"/>
        <source>&lt;h3&gt;Latent Studio %1&lt;/h3&gt;&lt;p&gt;Explore the latent space of StyleGAN2-family image generators live: prompt interpolation, style mixing, prompt mixing, comparison and export.&lt;/p&gt;&lt;p&gt;Drop a model, session or image with embedded settings on the window to open it.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Latent Studio %1&lt;/h3&gt;&lt;p&gt;实时探索 StyleGAN2 系列图像生成器的潜在空间：提示词插值、风格混合、提示词混合、对比与导出。&lt;/p&gt;&lt;p&gt;将模型、会话或带有嵌入设置的图像拖到窗口上即可打开。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1258"/>
        <location filename="../ui/main_window.cpp" line="1272"/>
        <location filename="../ui/main_window.cpp" line="1285"/>
        <source>Latent Studio</source>
        <translation>Latent Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1259"/>
        <source>The new language takes effect when Latent Studio restarts.</source>
        <translation>新的语言将在 Latent Studio 重新启动后生效。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1260"/>
        <source>Restart Now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1261"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1272"/>
        <source>Could not restart Latent Studio; start it again yourself.</source>
        <translation>无法重新启动 Latent Studio；请自行重新启动。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1314"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1319"/>
        <source>%1 — Latent Studio</source>
        <translation>%1 — Latent Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="150"/>
        <source>Autosave failed: %1 Save the session yourself (Ctrl+S) to keep your latest changes.</source>
        <translation>自动保存失败：%1 请自行保存会话（Ctrl+S）以保留最近的更改。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1330"/>
        <source>Recover Session</source>
        <translation>恢复会话</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1331"/>
        <source>Latent Studio did not close cleanly last time. Recover the session autosaved at %1?</source>
        <translation>Latent Studio 上次未正常关闭。是否恢复于 %1 自动保存的会话？</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1347"/>
        <source>This session has unsaved changes. Save them before %1?</source>
        <translation>此会话有未保存的更改。要在%1之前保存吗？</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1352"/>
        <source>Unsaved Changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1384"/>
        <source>quitting</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="508"/>
        <source>Keyframes</source>
        <translation>关键帧</translation>
    </message>
</context>
<context>
    <name>lsui::ModelPanel</name>
    <message>
        <location filename="../ui/model_panel.cpp" line="44"/>
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="45"/>
        <source>Open a .safetensors model or an NVlabs .pkl snapshot. You can also drop one on the window.</source>
        <translation>打开 .safetensors 模型或 NVlabs .pkl 快照。也可以直接拖到窗口上。</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="47"/>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="49"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="51"/>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="52"/>
        <source>Where the model renders. CUDA appears when a GPU build of libtorch finds a GPU.</source>
        <translation>模型在何处渲染。当 GPU 版 libtorch 检测到 GPU 时会出现 CUDA。</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="69"/>
        <source>What the model file says about itself</source>
        <translation>模型文件中的自述信息</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="72"/>
        <source>&amp;Recent models (double-click to open):</source>
        <translation>最近的模型（双击打开）(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="74"/>
        <source>Models opened recently. Double-click or press Enter to open.</source>
        <translation>最近打开的模型。双击或按回车键打开。</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="87"/>
        <source>&lt;p&gt;&lt;b&gt;No model loaded.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Open a model with &lt;i&gt;Open Model…&lt;/i&gt;, drop a file on the window, or pick one from the recent list.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;未加载模型。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;请通过&lt;i&gt;打开模型…&lt;/i&gt;打开模型、将文件拖到窗口上，或从最近列表中选择一个。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="99"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="100"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="101"/>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="101"/>
        <source>%1 × %1 px, %2 channels</source>
        <translation>%1 × %1 像素，%2 个通道</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="102"/>
        <source>Latent</source>
        <translation>潜在空间</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="102"/>
        <source>z %1, w %2</source>
        <translation>z %1，w %2</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="103"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="103"/>
        <source>%1 w indices: %2 coarse, %3 middle, %4 fine</source>
        <translation>%1 个 w 索引：%2 个粗、%3 个中、%4 个细</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="106"/>
        <location filename="../ui/model_panel.cpp" line="112"/>
        <location filename="../ui/model_panel.cpp" line="119"/>
        <location filename="../ui/model_panel.cpp" line="129"/>
        <source>Conditioning</source>
        <translation>条件</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="106"/>
        <source>none (unconditional)</source>
        <translation>无（无条件）</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/model_panel.cpp" line="112"/>
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="114"/>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="119"/>
        <source>text: any English prompt, read by CLIP (up to 77 tokens)</source>
        <translation>文本：任意英文提示词，由 CLIP 读取（最多 77 个词元）</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="120"/>
        <source>Text encoder</source>
        <translation>文本编码器</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="120"/>
        <source>%1 (CLIP, %2-wide features), SHA-256 &lt;code&gt;%3…&lt;/code&gt;</source>
        <translation>%1（CLIP，%2 维特征），SHA-256 &lt;code&gt;%3…&lt;/code&gt;</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="129"/>
        <source>text, up to %1 words per prompt</source>
        <translation>文本，每个提示词最多 %1 个词</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="130"/>
        <source>Vocabulary</source>
        <translation>词表</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/model_panel.cpp" line="130"/>
        <source>%n word(s):</source>
        <translation>
            <numerusform>%n 个词：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="134"/>
        <source>License</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="134"/>
        <source>not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="136"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="137"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="138"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
</context>
<context>
    <name>lsui::OscControl</name>
    <message>
        <location filename="../ui/osc_control.cpp" line="50"/>
        <source>OSC :%1 · %2 received · %3 refused</source>
        <translation>OSC :%1 · 已接收 %2 · 已拒绝 %3</translation>
    </message>
    <message>
        <location filename="../ui/osc_control.cpp" line="70"/>
        <source>Live control</source>
        <translation>实时控制</translation>
    </message>
</context>
<context>
    <name>lsui::PromptEdit</name>
    <message>
        <location filename="../ui/prompt_edit.cpp" line="135"/>
        <source>“%1” is not in this model&apos;s vocabulary, so the model cannot read it.</source>
        <translation>“%1”不在此模型的词表中，模型无法理解它。</translation>
    </message>
    <message>
        <location filename="../ui/prompt_edit.cpp" line="141"/>
        <source>Did you mean: %1?</source>
        <translation>您是不是想输入：%1？</translation>
    </message>
    <message>
        <location filename="../ui/prompt_edit.cpp" line="149"/>
        <source>This prompt has more words than the model reads (%1); the rest is ignored.</source>
        <translation>此提示词的词数超过模型可读取的数量（%1）；多余部分将被忽略。</translation>
    </message>
</context>
<context>
    <name>lsui::PromptsPanel</name>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="25"/>
        <source>This model is unconditional: it has no prompts or classes. Use seeds, style mixing and the latent controls.</source>
        <translation>此模型为无条件模型：没有提示词或类别。请使用种子、风格混合和潜在空间控件。</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="35"/>
        <source>Prompt A. Words the model does not know are underlined in red; hover for suggestions.</source>
        <translation>提示词 A。模型不认识的词会以红色波浪线标出；将鼠标悬停其上可查看建议。</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="38"/>
        <source>Prompt B, the other end of the prompt interpolation.</source>
        <translation>提示词 B，提示词插值的另一端。</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="39"/>
        <source>Prompt &amp;A:</source>
        <translation>提示词 A(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="41"/>
        <source>Prompt &amp;B:</source>
        <translation>提示词 B(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="62"/>
        <source>Class A of this class-conditional model</source>
        <translation>此类别条件模型的类别 A</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="65"/>
        <source>Class B, the other end of the class interpolation</source>
        <translation>类别 B，类别插值的另一端</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="66"/>
        <source>Class A:</source>
        <translation>类别 A：</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="68"/>
        <source>Class B:</source>
        <translation>类别 B：</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="80"/>
        <source>Type to search the classes</source>
        <translation>输入以搜索类别</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="95"/>
        <source>A→&amp;B:</source>
        <translation>A→B(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="98"/>
        <source>Prompt interpolation: 0 renders prompt A, 1 prompt B; the seed stays fixed.</source>
        <translation>提示词插值：0 渲染提示词 A，1 渲染提示词 B；种子保持不变。</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="100"/>
        <source>Linear (lerp)</source>
        <translation>线性 (lerp)</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="101"/>
        <source>Spherical (slerp)</source>
        <translation>球面 (slerp)</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="102"/>
        <source>How prompt features are blended between A and B</source>
        <translation>提示词特征在 A 与 B 之间的混合方式</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="104"/>
        <source>Blend &amp;mode:</source>
        <translation>混合方式(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="116"/>
        <source>Edit prompt A</source>
        <translation>编辑提示词 A</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="119"/>
        <source>Edit prompt B</source>
        <translation>编辑提示词 B</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="122"/>
        <source>Class A</source>
        <translation>类别 A</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="125"/>
        <source>Class B</source>
        <translation>类别 B</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="129"/>
        <source>Prompt interpolation</source>
        <translation>提示词插值</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="132"/>
        <source>Prompt blend mode</source>
        <translation>提示词混合方式</translation>
    </message>
</context>
<context>
    <name>lsui::RecentFiles</name>
    <message>
        <location filename="../ui/recent_files.cpp" line="54"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>lsui::RenderService</name>
    <message>
        <location filename="../ui/render_service.cpp" line="298"/>
        <source>The model could not be opened: %1</source>
        <translation>无法打开模型：%1</translation>
    </message>
    <message>
        <location filename="../ui/render_service.cpp" line="244"/>
        <location filename="../ui/render_service.cpp" line="354"/>
        <source>No model is open. Open one with File → Open Model…</source>
        <translation>未打开模型。请通过 文件 → 打开模型… 打开一个。</translation>
    </message>
    <message>
        <location filename="../ui/render_service.cpp" line="251"/>
        <location filename="../ui/render_service.cpp" line="420"/>
        <source>Rendering failed: %1</source>
        <translation>渲染失败：%1</translation>
    </message>
    <message>
        <location filename="../ui/render_service.cpp" line="398"/>
        <source>%1 · %2 channels × %3 × %4 px · mean |x| %5 · max |x| %6</source>
        <translation>%1 · %2 通道 × %3 × %4 px · 平均 |x| %5 · 最大 |x| %6</translation>
    </message>
    <message>
        <location filename="../ui/render_service.cpp" line="402"/>
        <source> · showing channels %1–%2</source>
        <translation> · 显示通道 %1–%2</translation>
    </message>
</context>
<context>
    <name>lsui::SeedBox</name>
    <message>
        <location filename="../ui/seed_box.cpp" line="38"/>
        <source>Previous seed</source>
        <translation>上一个种子</translation>
    </message>
    <message>
        <location filename="../ui/seed_box.cpp" line="39"/>
        <source>Next seed</source>
        <translation>下一个种子</translation>
    </message>
    <message>
        <location filename="../ui/seed_box.cpp" line="40"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../ui/seed_box.cpp" line="41"/>
        <source>Reset to %1</source>
        <translation>重置为 %1</translation>
    </message>
</context>
<context>
    <name>lsui::SessionFiles</name>
    <message>
        <location filename="../ui/session_files.cpp" line="69"/>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <location filename="../ui/session_files.cpp" line="73"/>
        <source>A → B %1</source>
        <translation>A → B %1</translation>
    </message>
    <message>
        <location filename="../ui/session_files.cpp" line="75"/>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <location filename="../ui/session_files.cpp" line="76"/>
        <source>%1 · seed %2</source>
        <translation>%1 · 种子 %2</translation>
    </message>
    <message>
        <location filename="../ui/session_files.cpp" line="84"/>
        <source>The comparison grid has no images yet: show the Comparison panel and wait for its frames.</source>
        <translation>对比网格尚无图像：请显示对比面板并等待其渲染完成。</translation>
    </message>
    <message>
        <location filename="../ui/session_files.cpp" line="98"/>
        <source>%1 Choose a folder you can write to, or free some space.</source>
        <translation>%1 请选择一个可写入的文件夹，或释放一些磁盘空间。</translation>
    </message>
</context>
<context>
    <name>lsui::ValueSlider</name>
    <message>
        <location filename="../ui/value_slider.cpp" line="40"/>
        <source>Reset to %1</source>
        <translation>重置为 %1</translation>
    </message>
</context>
</TS>
