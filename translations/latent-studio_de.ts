<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>lsui::AnimationController</name>
    <message>
        <location filename="../ui/animation_controller.cpp" line="40"/>
        <source>Keyframes</source>
        <translation>Schlüsselbilder</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="44"/>
        <source>Load keyframe</source>
        <translation>Schlüsselbild laden</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="63"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="68"/>
        <source>Add &amp;Keyframe</source>
        <translation>Schlüssel&amp;bild hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="68"/>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="69"/>
        <source>Add the current state to the keyframe path, after the selected keyframe</source>
        <translation>Den aktuellen Zustand nach dem gewählten Schlüsselbild in den Pfad einfügen</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="70"/>
        <source>E&amp;xport Sequence…</source>
        <translation>Se&amp;quenz exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="70"/>
        <source>Ctrl+Shift+X</source>
        <translation>Ctrl+Shift+X</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="71"/>
        <source>Render the keyframe path to a PNG sequence, MP4 video, GIF or contact sheet</source>
        <translation>Den Schlüsselbildpfad als PNG-Sequenz, MP4-Video, GIF oder Kontaktbogen rendern</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="73"/>
        <location filename="../ui/animation_controller.cpp" line="321"/>
        <source>&amp;Play Path</source>
        <translation>Pfad &amp;abspielen</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="74"/>
        <source>Play the keyframe path in real time at the export frame rate (Space stops)</source>
        <translation>Den Keyframe-Pfad in Echtzeit mit der Export-Bildrate abspielen (Leertaste hält an)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="95"/>
        <source>New Path from &amp;Sweep</source>
        <translation>Neuer Pfad aus &amp;Durchlauf</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="97"/>
        <source>&amp;Prompt A → B</source>
        <translation>&amp;Prompt A → B</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="97"/>
        <source>Morph prompt A into prompt B with the latent fixed</source>
        <translation>Prompt A bei festem Latent in Prompt B überblenden</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="98"/>
        <source>&amp;Seed Walk</source>
        <translation>&amp;Seed-Spaziergang</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="98"/>
        <source>A seamless loop through five seeds from seed A on</source>
        <translation>Eine nahtlose Schleife durch fünf Seeds ab Seed A</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="99"/>
        <source>S&amp;tyle-Mix Crossover</source>
        <translation>S&amp;tilmischungs-Übergang</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="99"/>
        <source>Layer by layer from seed A to seed B, fine layers first</source>
        <translation>Schicht für Schicht von Seed A zu Seed B, feine Schichten zuerst</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="100"/>
        <source>P&amp;rompt-Mix Crossover</source>
        <translation>P&amp;romptmischungs-Übergang</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="100"/>
        <source>Layer by layer from prompt A to prompt B, fine layers first</source>
        <translation>Schicht für Schicht von Prompt A zu Prompt B, feine Schichten zuerst</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="101"/>
        <source>&amp;Truncation</source>
        <translation>&amp;Trunkierung</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="101"/>
        <source>ψ from 1 (full variety) down to 0 (the average image)</source>
        <translation>ψ von 1 (volle Vielfalt) bis 0 (das Durchschnittsbild)</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="108"/>
        <source>&amp;Clear Keyframes</source>
        <translation>Schlüsselbilder &amp;leeren</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="110"/>
        <source>Clear keyframes</source>
        <translation>Schlüsselbilder leeren</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="209"/>
        <source>Previewing the keyframe path; edit anything to return to your state, double-click a keyframe to load it.</source>
        <translation>Vorschau des Schlüsselbildpfads; jede Änderung kehrt zu Ihrem Zustand zurück, Doppelklick auf ein Schlüsselbild lädt es.</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="224"/>
        <source>Keyframe added. Add another to make a path you can preview and export.</source>
        <translation>Schlüsselbild hinzugefügt. Fügen Sie ein weiteres hinzu, um einen Pfad zum Vorschauen und Exportieren zu erhalten.</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="225"/>
        <source>Keyframe %1 added: %2 frames in the path.</source>
        <translation>Schlüsselbild %1 hinzugefügt: %2 Bilder im Pfad.</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="240"/>
        <source>This model has no prompts: a prompt sweep needs a text- or class-conditional model.</source>
        <translation>Dieses Modell hat keine Prompts: ein Prompt-Durchlauf braucht ein text- oder klassenbedingtes Modell.</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="244"/>
        <source>Prompt A → B sweep</source>
        <translation>Durchlauf Prompt A → B</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="251"/>
        <source>Seed walk</source>
        <translation>Seed-Spaziergang</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="256"/>
        <source>Style-mix crossover</source>
        <translation>Stilmischungs-Übergang</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="260"/>
        <source>This model has no prompts to mix: a prompt-mix sweep needs a text- or class-conditional model.</source>
        <translation>Dieses Modell hat keine Prompts zum Mischen: ein Promptmischungs-Durchlauf braucht ein text- oder klassenbedingtes Modell.</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="264"/>
        <source>Prompt-mix crossover</source>
        <translation>Promptmischungs-Übergang</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="268"/>
        <source>Truncation sweep</source>
        <translation>Trunkierungs-Durchlauf</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="273"/>
        <source>%1: %2 keyframes, %3 frames. Scrub the strip to preview; Export Sequence… renders it.</source>
        <translation>%1: %2 Schlüsselbilder, %3 Bilder. Zum Vorschauen die Leiste scrubben; „Sequenz exportieren…“ rendert sie.</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="297"/>
        <source>Open a model first: playing renders the keyframe path with the open model.</source>
        <translation>Öffnen Sie zuerst ein Modell: Das Abspielen rendert den Keyframe-Pfad mit dem geöffneten Modell.</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="298"/>
        <source>There is no path to play yet (%1). Add keyframes with Animation → Add Keyframe (%2), or start from Animation → New Path from Sweep.</source>
        <translation>Es gibt noch keinen Pfad zum Abspielen (%1). Fügen Sie Keyframes mit Animation → Keyframe hinzufügen (%2) hinzu oder beginnen Sie mit Animation → Neuer Pfad aus Sweep.</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="308"/>
        <source>&amp;Stop Playing</source>
        <translation>Abspielen &amp;beenden</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="323"/>
        <source>Played %1 of %2 frames in %3 s (%4 fps; the path runs at %5 fps).</source>
        <translation>%1 von %2 Bildern in %3 s abgespielt (%4 fps; der Pfad läuft mit %5 fps).</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="383"/>
        <source>Playing frame %1 of 0–%2 at %3 fps — Space stops.</source>
        <translation>Spiele Bild %1 von 0–%2 mit %3 fps – Leertaste stoppt.</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="429"/>
        <source>Open a model first: an export renders the keyframe path with the open model.</source>
        <translation>Öffnen Sie zuerst ein Modell: ein Export rendert den Schlüsselbildpfad mit dem geöffneten Modell.</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="430"/>
        <source>There is no path to export yet (%1). Add keyframes with Animation → Add Keyframe (%2), or start from Animation → New Path from Sweep.</source>
        <translation>Es gibt noch keinen Pfad zum Exportieren (%1). Fügen Sie Schlüsselbilder mit Animation → Schlüsselbild hinzufügen (%2) hinzu oder beginnen Sie mit Animation → Neuer Pfad aus Durchlauf.</translation>
    </message>
    <message>
        <location filename="../ui/animation_controller.cpp" line="434"/>
        <source>An export is already running: wait for it to finish or cancel it first.</source>
        <translation>Ein Export läuft bereits: warten Sie, bis er fertig ist, oder brechen Sie ihn zuerst ab.</translation>
    </message>
</context>
<context>
    <name>lsui::BlendPad</name>
    <message>
        <location filename="../ui/blend_pad.cpp" line="18"/>
        <source>prompt A</source>
        <translation>Prompt A</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="18"/>
        <source>prompt B</source>
        <translation>Prompt B</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="18"/>
        <source>seed A</source>
        <translation>Seed A</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="18"/>
        <source>seed B</source>
        <translation>Seed B</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="19"/>
        <source>Drag the point to blend four corners: left→right goes from prompt A to prompt B, top→bottom from seed A to seed B. Arrow keys move it (Shift: finer).</source>
        <translation>Ziehen Sie den Punkt, um vier Ecken zu mischen: links→rechts geht von Prompt A zu Prompt B, oben→unten von Seed A zu Seed B. Pfeiltasten verschieben ihn (Umschalt: feiner).</translation>
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
        <translation>Das aktuelle Bild. Strg+Mausrad zoomt; Menü Ansicht: anpassen, 1:1, weiche Skalierung.</translation>
    </message>
    <message>
        <location filename="../ui/canvas_view.cpp" line="81"/>
        <source>Fit</source>
        <translation>Angepasst</translation>
    </message>
    <message>
        <location filename="../ui/canvas_view.cpp" line="81"/>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>lsui::ComparisonPanel</name>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="68"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="69"/>
        <source>Give this pane its own seed A instead of the main one.</source>
        <translation>Diesem Feld einen eigenen Seed A statt des Haupt-Seeds geben.</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="74"/>
        <source>This pane&apos;s seed A.</source>
        <translation>Seed A dieses Felds.</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="76"/>
        <source>Promote</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="77"/>
        <source>Make this pane&apos;s prompt and seed the main state.</source>
        <translation>Prompt und Seed dieses Felds in den Hauptzustand übernehmen.</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="84"/>
        <source>This pane&apos;s place between A and B (set by the walk A → B grid).</source>
        <translation>Die Stelle dieses Feldes zwischen A und B (vom Raster „A → B gehen“ gesetzt).</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="93"/>
        <source>A → B: %1</source>
        <translation>A → B: %1</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="110"/>
        <source>&amp;Panes:</source>
        <translation>&amp;Felder:</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="113"/>
        <source>How many panes to compare (2–16). All render together in one batch.</source>
        <translation>Wie viele Felder verglichen werden (2–16). Alle werden gemeinsam in einem Stapel gerendert.</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="115"/>
        <source>C&amp;olumns:</source>
        <translation>&amp;Spalten:</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="118"/>
        <source>Panes per row, in the panel and in the saved grid image.</source>
        <translation>Felder pro Zeile, im Bedienfeld und im gespeicherten Rasterbild.</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="120"/>
        <source>&amp;Walk A → B</source>
        <translation>A → B &amp;gehen</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="122"/>
        <source>Fill the grid with rows of seeds (seed A, A+1, …), each walking from prompt or class A to B across its columns — the BigGAN demo&apos;s interpolation grid, rendered in one batch.</source>
        <translation>Füllt das Raster mit Zeilen von Seeds (Seed A, A+1, …), jede geht über ihre Spalten von Prompt oder Klasse A nach B – das Interpolationsraster der BigGAN-Demo, in einem Stapel gerendert.</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="124"/>
        <source>Save &amp;Grid…</source>
        <translation>&amp;Raster speichern …</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="125"/>
        <source>Save all panes as one PNG image.</source>
        <translation>Alle Felder als ein PNG-Bild speichern.</translation>
    </message>
</context>
<context>
    <name>lsui::DirectionsPanel</name>
    <message>
        <location filename="../ui/directions_panel.cpp" line="56"/>
        <source>Find directions</source>
        <translation>Richtungen finden</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="60"/>
        <source>SeFa (closed form, instant)</source>
        <translation>SeFa (geschlossene Form, sofort)</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="61"/>
        <source>GANSpace (PCA of sampled w)</source>
        <translation>GANSpace (PCA gezogener w)</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="62"/>
        <source>SeFa factorises the layers&apos; style weights; GANSpace finds the axes along which the model&apos;s w vary most over many samples.</source>
        <translation>SeFa zerlegt die Stilgewichte der Schichten; GANSpace findet die Achsen, entlang derer die w des Modells über viele Stichproben am stärksten variieren.</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="64"/>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="67"/>
        <location filename="../ui/directions_panel.cpp" line="397"/>
        <source>All layers</source>
        <translation>Alle Schichten</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="67"/>
        <source>Coarse (layout)</source>
        <translation>Grob (Layout)</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="67"/>
        <location filename="../ui/directions_panel.cpp" line="397"/>
        <source>Middle</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="67"/>
        <source>Fine (colour, texture)</source>
        <translation>Fein (Farbe, Textur)</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="68"/>
        <source>SeFa factorises these layers&apos; weights; the directions found move these layers.</source>
        <translation>SeFa zerlegt die Gewichte dieser Schichten; die gefundenen Richtungen bewegen diese Schichten.</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="69"/>
        <source>&amp;Layers:</source>
        <translation>&amp;Schichten:</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="74"/>
        <source>&amp;Count:</source>
        <translation>&amp;Anzahl:</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="81"/>
        <source>GANSpace: how many mapped w to analyse (10,000 is plenty).</source>
        <translation>GANSpace: wie viele abgebildete w analysiert werden (10.000 reichen).</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="82"/>
        <source>&amp;Samples:</source>
        <translation>&amp;Stichproben:</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="84"/>
        <source>&amp;Find</source>
        <translation>&amp;Finden</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="86"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="98"/>
        <source>From two states</source>
        <translation>Aus zwei Zuständen</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="100"/>
        <source>Seed A → seed B</source>
        <translation>Seed A → Seed B</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="102"/>
        <source>A direction from seed A&apos;s w to seed B&apos;s: amount 1 adds exactly their difference to any state.</source>
        <translation>Eine Richtung vom w von Seed A zu dem von Seed B: Stärke 1 addiert genau ihre Differenz zu jedem Zustand.</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="103"/>
        <source>Prompt A → prompt B</source>
        <translation>Prompt A → Prompt B</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="105"/>
        <source>A direction from prompt (or class) A&apos;s w to B&apos;s, for seed A: e.g. “a smiling face” − “a face”.</source>
        <translation>Eine Richtung vom w von Prompt (oder Klasse) A zu dem von B, für Seed A: z. B. „ein lächelndes Gesicht“ − „ein Gesicht“.</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="106"/>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="107"/>
        <source>Sa&amp;ve…</source>
        <translation>Spei&amp;chern…</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="114"/>
        <location filename="../ui/directions_panel.cpp" line="183"/>
        <source>No directions yet: find some, or make one from two states.</source>
        <translation>Noch keine Richtungen: Finden Sie welche oder bilden Sie eine aus zwei Zuständen.</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="151"/>
        <source>Direction from two seeds</source>
        <translation>Richtung aus zwei Seeds</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="151"/>
        <location filename="../ui/directions_panel.cpp" line="161"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="152"/>
        <source>seed %1 → seed %2</source>
        <translation>Seed %1 → Seed %2</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="159"/>
        <source>class %1 → class %2</source>
        <translation>Klasse %1 → Klasse %2</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="160"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="161"/>
        <source>Direction from two prompts</source>
        <translation>Richtung aus zwei Prompts</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="184"/>
        <source>This model has no W space (BigGAN): directions do not apply to it.</source>
        <translation>Dieses Modell hat keinen W-Raum (BigGAN): Richtungen gelten für es nicht.</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="221"/>
        <location filename="../ui/directions_panel.cpp" line="427"/>
        <source>This model has no layers of that kind.</source>
        <translation>Dieses Modell hat keine Schichten dieser Art.</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="229"/>
        <location filename="../ui/directions_panel.cpp" line="234"/>
        <location filename="../ui/directions_panel.cpp" line="289"/>
        <source>Find GANSpace directions</source>
        <translation>GANSpace-Richtungen finden</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="281"/>
        <source>Finding directions failed: %1</source>
        <translation>Richtungen finden fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="289"/>
        <source>Find SeFa directions</source>
        <translation>SeFa-Richtungen finden</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/directions_panel.cpp" line="300"/>
        <source>%n direction(s) found; drag their sliders, or press ▶ for a strip.</source>
        <translation>
            <numerusform>%n Richtung gefunden; ziehen Sie ihren Regler oder drücken Sie ▶ für eine Leiste.</numerusform>
            <numerusform>%n Richtungen gefunden; ziehen Sie ihre Regler oder drücken Sie ▶ für eine Leiste.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="308"/>
        <source>difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="315"/>
        <source>No direction: %1</source>
        <translation>Keine Richtung: %1</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="318"/>
        <source>Add direction</source>
        <translation>Richtung hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="382"/>
        <source>From %1; one σ is %2 in W</source>
        <translation>Aus %1; ein σ ist %2 in W</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="385"/>
        <source>Show me: −3σ … +3σ along this direction</source>
        <translation>Zeigen: −3σ … +3σ entlang dieser Richtung</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="388"/>
        <source>Remove this direction</source>
        <translation>Diese Richtung entfernen</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="392"/>
        <source>Amount (σ):</source>
        <translation>Stärke (σ):</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="397"/>
        <source>Coarse</source>
        <translation>Grob</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="397"/>
        <source>Fine</source>
        <translation>Fein</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="397"/>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="402"/>
        <source>from </source>
        <translation>von </translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="403"/>
        <source>to </source>
        <translation>bis </translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="404"/>
        <source>The first w index this direction moves</source>
        <translation>Der erste w-Index, den diese Richtung bewegt</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="405"/>
        <source>The w index it stops before</source>
        <translation>Der w-Index, vor dem sie aufhört</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="419"/>
        <source>Direction amount</source>
        <translation>Richtungsstärke</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="442"/>
        <source>Remove direction</source>
        <translation>Richtung entfernen</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="457"/>
        <source>Direction layers</source>
        <translation>Richtungsschichten</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="486"/>
        <source>Along %1:</source>
        <translation>Entlang %1:</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="496"/>
        <source>The strip could not be rendered: %1</source>
        <translation>Die Leiste konnte nicht gerendert werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="526"/>
        <source>Open Directions</source>
        <translation>Richtungen öffnen</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="526"/>
        <location filename="../ui/directions_panel.cpp" line="547"/>
        <source>Directions (*.json)</source>
        <translation>Richtungen (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="533"/>
        <source>Open directions</source>
        <translation>Richtungen öffnen</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="544"/>
        <source>There are no directions to save.</source>
        <translation>Es gibt keine Richtungen zum Speichern.</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="547"/>
        <source>Save Directions</source>
        <translation>Richtungen speichern</translation>
    </message>
    <message>
        <location filename="../ui/directions_panel.cpp" line="556"/>
        <source>Could not save the directions: %1</source>
        <translation>Die Richtungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/directions_panel.cpp" line="558"/>
        <source>Saved %n direction(s) to %1</source>
        <translation>
            <numerusform>%n Richtung in %1 gespeichert</numerusform>
            <numerusform>%n Richtungen in %1 gespeichert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lsui::ExportDialog</name>
    <message>
        <location filename="../ui/export_dialog.cpp" line="24"/>
        <location filename="../ui/export_dialog.cpp" line="85"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="26"/>
        <source>PNG frames (folder)</source>
        <translation>PNG-Einzelbilder (Ordner)</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="27"/>
        <source>MP4 video</source>
        <translation>MP4-Video</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="28"/>
        <source>Animated GIF</source>
        <translation>Animiertes GIF</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="29"/>
        <source>Contact sheet (PNG)</source>
        <translation>Kontaktbogen (PNG)</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="38"/>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="39"/>
        <source>Output size in pixels; &quot;auto&quot; keeps the model&apos;s size, or follows the other side at the model&apos;s aspect ratio</source>
        <translation>Ausgabegröße in Pixeln; „auto“ behält die Größe des Modells oder folgt der anderen Seite im Seitenverhältnis des Modells</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="43"/>
        <source>Hard pixels (nearest neighbour)</source>
        <translation>Harte Pixel (nächster Nachbar)</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="52"/>
        <source>Frames rendered per engine call; larger is faster, range exports match for equal batch sizes</source>
        <translation>Pro Engine-Aufruf gerenderte Bilder; größer ist schneller, Teilexporte stimmen bei gleicher Batchgröße überein</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="54"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="55"/>
        <source>Replace an existing output</source>
        <translation>Vorhandene Ausgabe ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="56"/>
        <source>Finish an interrupted export in this folder</source>
        <translation>Einen unterbrochenen Export in diesem Ordner fertigstellen</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="57"/>
        <source>Keeps the frames already there that match this path and model, and renders the rest</source>
        <translation>Behält die vorhandenen Bilder, die zu diesem Pfad und Modell passen, und rendert den Rest</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="68"/>
        <source>to (excluding)</source>
        <translation>bis (ausschließlich)</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="75"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="76"/>
        <source>Frames per second</source>
        <translation>Bilder pro Sekunde</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="77"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="79"/>
        <source>Frames (of %1)</source>
        <translation>Bilder (von %1)</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="80"/>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="81"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="126"/>
        <source>a folder for the frames</source>
        <translation>ein Ordner für die Bilder</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="126"/>
        <source>the file to write</source>
        <translation>die zu schreibende Datei</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="136"/>
        <source>Folder for the frames</source>
        <translation>Ordner für die Bilder</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="138"/>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4-Video (*.mp4)</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="139"/>
        <source>GIF animation (*.gif)</source>
        <translation>GIF-Animation (*.gif)</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="140"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="141"/>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
</context>
<context>
    <name>lsui::ExportProgressDialog</name>
    <message>
        <location filename="../ui/export_dialog.cpp" line="162"/>
        <source>Exporting</source>
        <translation>Export läuft</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="168"/>
        <source>%1 of %2 frames</source>
        <translation>%1 von %2 Bildern</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="169"/>
        <source>Opening the model…</source>
        <translation>Modell wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="170"/>
        <source>Closing this window leaves the export running; Export Sequence… shows it again.</source>
        <translation>Wenn Sie dieses Fenster schließen, läuft der Export weiter; „Sequenz exportieren…“ zeigt ihn wieder an.</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="171"/>
        <source>Cancel Export</source>
        <translation>Export abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="205"/>
        <source>Cancelling after the current batch…</source>
        <translation>Abbruch nach dem aktuellen Batch…</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="196"/>
        <source>%1 of %2 frames · %3 fps · %4 s left</source>
        <translation>%1 von %2 Bildern · %3 B/s · noch %4 s</translation>
    </message>
    <message>
        <location filename="../ui/export_dialog.cpp" line="172"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>lsui::ExportTask</name>
    <message>
        <location filename="../ui/export_task.cpp" line="58"/>
        <source>Exported %1 frames to %2 (%3 fps)</source>
        <translation>%1 Bilder nach %2 exportiert (%3 B/s)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/export_task.cpp" line="60"/>
        <source>; %n finished frame(s) kept from the interrupted export</source>
        <translation>
            <numerusform>; %n fertiges Bild aus dem unterbrochenen Export behalten</numerusform>
            <numerusform>; %n fertige Bilder aus dem unterbrochenen Export behalten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/export_task.cpp" line="62"/>
        <source>, %1</source>
        <translation>, %1</translation>
    </message>
</context>
<context>
    <name>lsui::ImageMetadata</name>
    <message>
        <location filename="../ui/image_metadata.cpp" line="19"/>
        <source>There is no image to save yet: wait for the first frame.</source>
        <translation>Es gibt noch kein Bild zum Speichern: Warten Sie auf das erste Bild.</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="29"/>
        <source>%1 Choose a folder you can write to, or free some space.</source>
        <translation>%1 Wählen Sie einen Ordner, in den Sie schreiben dürfen, oder schaffen Sie Platz.</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="38"/>
        <source>Could not read %1 as a PNG image: %2 Only PNG images saved by Latent Studio carry their settings.</source>
        <translation>%1 konnte nicht als PNG-Bild gelesen werden: %2 Nur PNG-Bilder, die Latent Studio gespeichert hat, enthalten ihre Einstellungen.</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="44"/>
        <source>%1 has no Latent Studio metadata, so there is no state to restore. Only images saved by Latent Studio (Save Image, export) carry their settings.</source>
        <translation>%1 enthält keine Latent-Studio-Metadaten, daher gibt es keinen Zustand zum Wiederherstellen. Nur von Latent Studio gespeicherte Bilder (Bild speichern, Export) tragen ihre Einstellungen.</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="49"/>
        <location filename="../ui/image_metadata.cpp" line="53"/>
        <source>The settings stored in %1 are damaged: %2</source>
        <translation>Die in %1 gespeicherten Einstellungen sind beschädigt: %2</translation>
    </message>
</context>
<context>
    <name>lsui::KeyframeStrip</name>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="60"/>
        <source>Keyframes: drag to reorder, double-click to load into the editor</source>
        <translation>Schlüsselbilder: zum Umordnen ziehen, Doppelklick lädt in den Editor</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="62"/>
        <source>Add keyframe</source>
        <translation>Schlüsselbild hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="63"/>
        <source>Add the current edit state as a keyframe</source>
        <translation>Den aktuellen Zustand als Schlüsselbild hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="64"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="66"/>
        <source>Move the selected keyframe earlier in the path</source>
        <translation>Den gewählten Keyframe im Pfad nach vorne verschieben</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="68"/>
        <source>Move the selected keyframe later in the path</source>
        <translation>Den gewählten Keyframe im Pfad nach hinten verschieben</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="74"/>
        <source> frames</source>
        <translation> Bilder</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="74"/>
        <source> frame</source>
        <translation> Bild</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="77"/>
        <source>Frames from the selected keyframe to the next</source>
        <translation>Bilder vom gewählten Schlüsselbild bis zum nächsten</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="79"/>
        <source>Linear</source>
        <translation>Linear</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="80"/>
        <source>Ease in-out</source>
        <translation>Sanft ein/aus</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="81"/>
        <source>Smoothstep</source>
        <translation>Smoothstep</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="83"/>
        <source>Play once</source>
        <translation>Einmal abspielen</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="84"/>
        <source>Loop</source>
        <translation>Schleife</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="85"/>
        <source>Ping-pong</source>
        <translation>Hin und zurück</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="87"/>
        <source>Scrub through the path to preview any frame</source>
        <translation>Durch den Pfad scrubben, um jedes Bild vorab zu sehen</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="134"/>
        <location filename="../ui/keyframe_strip.cpp" line="259"/>
        <source>frame %1 of 0–%2</source>
        <translation>Bild %1 von 0–%2</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="250"/>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="254"/>
        <source>%1 — seed %2</source>
        <translation>%1 — Seed %2</translation>
    </message>
    <message>
        <location filename="../ui/keyframe_strip.cpp" line="254"/>
        <source>no prompt</source>
        <translation>kein Prompt</translation>
    </message>
</context>
<context>
    <name>lsui::LatentPanel</name>
    <message>
        <location filename="../ui/latent_panel.cpp" line="23"/>
        <source>Seed &amp;A:</source>
        <translation>Seed &amp;A:</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="25"/>
        <source>Seed A picks the latent z (0 … 4294967295). Alt+←/→ steps, Ctrl+R randomises.</source>
        <translation>Seed A wählt das latente z (0 … 4294967295). Alt+←/→ schaltet weiter, Strg+R wählt zufällig.</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="26"/>
        <source>Seed &amp;B:</source>
        <translation>Seed &amp;B:</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="28"/>
        <source>Seed B: the other end of latent interpolation and the source of style mixing.</source>
        <translation>Seed B: das andere Ende der latenten Interpolation und die Quelle des Style-Mixings.</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="32"/>
        <source>Seed A→B:</source>
        <translation>Seed A→B:</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="35"/>
        <source>Latent interpolation between the z of seed A (0) and seed B (1).</source>
        <translation>Latente Interpolation zwischen dem z von Seed A (0) und Seed B (1).</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="38"/>
        <source>Spherical (slerp)</source>
        <translation>Sphärisch (slerp)</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="39"/>
        <source>Linear (lerp)</source>
        <translation>Linear (lerp)</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="40"/>
        <source>Spherical interpolation keeps z on the shell where Gaussian samples live.</source>
        <translation>Sphärische Interpolation hält z auf der Schale, auf der Gauß-Stichproben liegen.</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="42"/>
        <source>Latent blend:</source>
        <translation>Latente Mischung:</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="44"/>
        <source>Truncation ψ:</source>
        <translation>Trunkierung ψ:</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="164"/>
        <source>BigGAN truncation: scales the truncated-normal noise and picks the batch-norm statistics learnt for that scale. Low values (0.2–0.5) give typical, clean images of the class; 1 the most varied.</source>
        <translation>BigGAN-Trunkierung: skaliert das trunkiert-normalverteilte Rauschen und wählt die für diese Skala gelernten Batch-Norm-Statistiken. Niedrige Werte (0,2–0,5) ergeben typische, saubere Bilder der Klasse, 1 die vielfältigsten.</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="169"/>
        <source>Pulls w toward the average w: below 1 more typical and less varied, 0 the average image, above 1 more extreme.</source>
        <translation>Zieht w zum mittleren w: unter 1 typischer und weniger vielfältig, 0 ergibt das Durchschnittsbild, über 1 extremer.</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="50"/>
        <source>all layers</source>
        <translation>alle Schichten</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="51"/>
        <source>Truncate only the first N w indices (coarse layers); “all layers” truncates every one.</source>
        <translation>Nur die ersten N w-Indizes kürzen (grobe Schichten); „alle Schichten“ kürzt jeden.</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="52"/>
        <source>Truncation &amp;cutoff:</source>
        <translation>Trunkierungs&amp;grenze:</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="62"/>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="63"/>
        <source>Random (noise seed)</source>
        <translation>Zufällig (Rausch-Seed)</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="64"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="65"/>
        <source>Per-pixel noise inputs: the model&apos;s stored constant noise, noise from the noise seed, or none.</source>
        <translation>Pixelweise Rauscheingaben: das im Modell gespeicherte konstante Rauschen, Rauschen aus dem Rausch-Seed oder keines.</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="66"/>
        <source>&amp;Noise:</source>
        <translation>&amp;Rauschen:</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="68"/>
        <source>Seed of the random noise (used when noise is Random).</source>
        <translation>Seed des Zufallsrauschens (verwendet, wenn Rauschen auf Zufällig steht).</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="69"/>
        <source>Noise seed:</source>
        <translation>Rausch-Seed:</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="74"/>
        <source>Move and turn</source>
        <translation>Verschieben und Drehen</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="77"/>
        <source>Move &amp;X:</source>
        <translation>Verschieben &amp;X:</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="79"/>
        <source>Moves the picture right (positive) or left, in frame widths.</source>
        <translation>Verschiebt das Bild nach rechts (positiv) oder links, in Bildbreiten.</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="80"/>
        <source>Move &amp;Y:</source>
        <translation>Verschieben &amp;Y:</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="82"/>
        <source>Moves the picture down (positive) or up, in frame heights.</source>
        <translation>Verschiebt das Bild nach unten (positiv) oder oben, in Bildhöhen.</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="83"/>
        <source>&amp;Turn:</source>
        <translation>&amp;Drehen:</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="85"/>
        <source>Turns the picture, in degrees.</source>
        <translation>Dreht das Bild, in Grad.</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="91"/>
        <source>Re&amp;set Move and Turn</source>
        <translation>Verschieben und Drehen &amp;zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="102"/>
        <source>Seed A</source>
        <translation>Seed A</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="105"/>
        <source>Seed B</source>
        <translation>Seed B</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="109"/>
        <source>Latent interpolation</source>
        <translation>Latente Interpolation</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="112"/>
        <source>Latent blend mode</source>
        <translation>Latenter Mischmodus</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="118"/>
        <source>Truncation</source>
        <translation>Trunkierung</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="123"/>
        <source>Truncation cutoff</source>
        <translation>Trunkierungsgrenze</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="126"/>
        <source>Noise mode</source>
        <translation>Rauschmodus</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="132"/>
        <source>Noise seed</source>
        <translation>Rausch-Seed</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="137"/>
        <location filename="../ui/latent_panel.cpp" line="140"/>
        <source>Move</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="143"/>
        <source>Turn</source>
        <translation>Drehen</translation>
    </message>
    <message>
        <location filename="../ui/latent_panel.cpp" line="146"/>
        <source>Reset move and turn</source>
        <translation>Verschieben und Drehen zurücksetzen</translation>
    </message>
</context>
<context>
    <name>lsui::LayerMixPanel</name>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="32"/>
        <source>&amp;Crossover:</source>
        <translation>Ü&amp;bergang:</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="35"/>
        <source>The first w index that the presets treat as fine. Layers before it are coarse.</source>
        <translation>Der erste w-Index, den die Voreinstellungen als fein behandeln. Schichten davor gelten als grob.</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="46"/>
        <source>Coarse from B</source>
        <translation>Grob von B</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="46"/>
        <source>Layers before the crossover take %1; the rest %2.</source>
        <translation>Schichten vor dem Übergang nehmen %1, der Rest %2.</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="48"/>
        <source>Fine from B</source>
        <translation>Fein von B</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="48"/>
        <source>Layers from the crossover on take %1; the rest %2.</source>
        <translation>Schichten ab dem Übergang nehmen %1, der Rest %2.</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="50"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="50"/>
        <source>Every layer takes %1 (reset).</source>
        <translation>Jede Schicht nimmt %1 (zurücksetzen).</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="86"/>
        <source>Coarse (pose, layout)</source>
        <translation>Grob (Pose, Anordnung)</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="87"/>
        <source>Middle (features)</source>
        <translation>Mittel (Merkmale)</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="88"/>
        <source>Fine (colour, texture)</source>
        <translation>Fein (Farbe, Textur)</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="103"/>
        <source>w%1 · %2 px</source>
        <translation>w%1 · %2 px</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="106"/>
        <source>Layer %1 (%2): 0 takes %3, 1 takes %4, between blends.</source>
        <translation>Schicht %1 (%2): 0 nimmt %3, 1 nimmt %4, dazwischen wird gemischt.</translation>
    </message>
</context>
<context>
    <name>lsui::LayerViewPanel</name>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="21"/>
        <source>&amp;Show a layer&apos;s activations</source>
        <translation>Aktivierungen einer Schicht &amp;zeigen</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="23"/>
        <source>Renders the canvas frame with the chosen layer&apos;s output beside it (every layer then runs: a little slower).</source>
        <translation>Rendert das Bild mit der Ausgabe der gewählten Schicht daneben (dann laufen alle Schichten: etwas langsamer).</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="29"/>
        <source>&amp;Layer:</source>
        <translation>&amp;Schicht:</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="32"/>
        <source>Channels (grid)</source>
        <translation>Kanäle (Raster)</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="33"/>
        <source>One channel</source>
        <translation>Ein Kanal</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="34"/>
        <source>Mean |x|</source>
        <translation>Mittel |x|</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="35"/>
        <source>A grid of up to %1 channels from the chosen one on, each scaled to its own range; one channel (orange positive, blue negative); or the mean magnitude over all channels.</source>
        <translation>Ein Raster von bis zu %1 Kanälen ab dem gewählten, jeder auf seinen eigenen Bereich skaliert; ein Kanal (orange positiv, blau negativ); oder der mittlere Betrag über alle Kanäle.</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="37"/>
        <source>&amp;View:</source>
        <translation>&amp;Ansicht:</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="40"/>
        <source>&amp;Channel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="79"/>
        <source>%1 · %2 ch · %3 px</source>
        <translation>%1 · %2 Kan. · %3 px</translation>
    </message>
    <message>
        <location filename="../ui/layer_view_panel.cpp" line="85"/>
        <source>This model&apos;s layers cannot be shown.</source>
        <translation>Die Schichten dieses Modells können nicht gezeigt werden.</translation>
    </message>
</context>
<context>
    <name>lsui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="94"/>
        <source>No model loaded — open one with File → Open Model… (Ctrl+O) or drop a .safetensors or .pkl file here.</source>
        <translation>Kein Modell geladen – öffnen Sie eines mit Datei → Modell öffnen … (Strg+O) oder ziehen Sie eine .safetensors- oder .pkl-Datei hierher.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="180"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="185"/>
        <source>Open &amp;Model…</source>
        <translation>&amp;Modell öffnen …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="185"/>
        <source>Open a .safetensors model or an NVlabs .pkl snapshot</source>
        <translation>Ein .safetensors-Modell oder einen NVlabs-.pkl-Snapshot öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="187"/>
        <source>Open &amp;Session…</source>
        <translation>&amp;Sitzung öffnen …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="187"/>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="187"/>
        <source>Open a saved .lstudio session</source>
        <translation>Eine gespeicherte .lstudio-Sitzung öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="188"/>
        <source>&amp;Save Session</source>
        <translation>Sitzung &amp;speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="188"/>
        <source>Save the whole studio state as a session</source>
        <translation>Den gesamten Zustand des Studios als Sitzung speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="190"/>
        <source>Save Session &amp;As…</source>
        <translation>Sitzung speichern &amp;unter …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="190"/>
        <source>Save the session under a new name</source>
        <translation>Die Sitzung unter neuem Namen speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="191"/>
        <source>Save &amp;Image…</source>
        <translation>&amp;Bild speichern …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="191"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="192"/>
        <source>Save the current frame as PNG with its settings embedded</source>
        <translation>Das aktuelle Bild als PNG mit eingebetteten Einstellungen speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="194"/>
        <source>Save Comparison &amp;Grid…</source>
        <translation>&amp;Vergleichsraster speichern …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="194"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="194"/>
        <source>Save all comparison panes as one image</source>
        <translation>Alle Vergleichsfelder als ein Bild speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="195"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="195"/>
        <source>Close Latent Studio</source>
        <translation>Latent Studio schließen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="198"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="201"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="202"/>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="207"/>
        <source>&amp;Previous Seed A</source>
        <translation>&amp;Vorheriger Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="207"/>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="207"/>
        <source>Seed A − 1</source>
        <translation>Seed A − 1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="209"/>
        <source>&amp;Next Seed A</source>
        <translation>&amp;Nächster Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="209"/>
        <source>Alt+Right</source>
        <translation>Alt+Right</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="209"/>
        <source>Seed A + 1</source>
        <translation>Seed A + 1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="211"/>
        <source>&amp;Random Seed A</source>
        <translation>&amp;Zufälliger Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="211"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="211"/>
        <source>A random seed A</source>
        <translation>Ein zufälliger Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="213"/>
        <source>Previous Seed B</source>
        <translation>Vorheriger Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="213"/>
        <source>Alt+Shift+Left</source>
        <translation>Alt+Shift+Left</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="213"/>
        <source>Seed B − 1</source>
        <translation>Seed B − 1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="214"/>
        <source>Next Seed B</source>
        <translation>Nächster Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="214"/>
        <source>Alt+Shift+Right</source>
        <translation>Alt+Shift+Right</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="214"/>
        <source>Seed B + 1</source>
        <translation>Seed B + 1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="215"/>
        <source>Random Seed B</source>
        <translation>Zufälliger Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="215"/>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="215"/>
        <source>A random seed B</source>
        <translation>Ein zufälliger Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="216"/>
        <source>&amp;Swap A and B</source>
        <translation>A und B &amp;tauschen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="216"/>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="216"/>
        <source>Swap prompts, classes and seeds of sides A and B</source>
        <translation>Prompts, Klassen und Seeds der Seiten A und B tauschen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="218"/>
        <source>&amp;Fit to Window</source>
        <translation>An Fenster an&amp;passen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="218"/>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="218"/>
        <source>Scale the frame to fit the window</source>
        <translation>Das Bild an das Fenster anpassen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="220"/>
        <source>&amp;Actual Size (1:1)</source>
        <translation>&amp;Originalgröße (1:1)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="220"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="220"/>
        <source>One image pixel per screen pixel</source>
        <translation>Ein Bildpixel pro Bildschirmpixel</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="222"/>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="222"/>
        <source>Zoom in (×2)</source>
        <translation>Vergrößern (×2)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="223"/>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="223"/>
        <source>Zoom out (÷2)</source>
        <translation>Verkleinern (÷2)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="224"/>
        <source>&amp;Smooth Scaling</source>
        <translation>&amp;Weiche Skalierung</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="224"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="224"/>
        <source>Smooth (bilinear) or nearest-neighbour scaling</source>
        <translation>Weiche (bilineare) oder Nächster-Nachbar-Skalierung</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="246"/>
        <source>Next seed A</source>
        <translation>Nächster Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="247"/>
        <source>Previous seed A</source>
        <translation>Vorheriger Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="249"/>
        <source>Next seed B</source>
        <translation>Nächster Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="250"/>
        <source>Previous seed B</source>
        <translation>Vorheriger Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="253"/>
        <source>Swap A and B</source>
        <translation>A und B tauschen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="263"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="266"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt verwendet</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="278"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="292"/>
        <source>&amp;Animation</source>
        <translation>&amp;Animation</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="295"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="296"/>
        <source>&amp;Panels</source>
        <translation>&amp;Bedienfelder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="306"/>
        <source>Live &amp;Control (OSC)</source>
        <translation>Live-&amp;Steuerung (OSC)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="309"/>
        <source>Listen for OSC messages (TouchDesigner, Max, a MIDI bridge) that set every slider; see docs/osc.md</source>
        <translation>Auf OSC-Nachrichten (TouchDesigner, Max, eine MIDI-Brücke) hören, die jeden Regler setzen; siehe docs/osc.md</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="315"/>
        <location filename="../ui/main_window.cpp" line="331"/>
        <location filename="../ui/main_window.cpp" line="431"/>
        <source>Live control is off: %1</source>
        <translation>Live-Steuerung ist aus: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="317"/>
        <source>Listening for OSC on UDP port %1</source>
        <translation>Empfange OSC auf UDP-Port %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="320"/>
        <source>Live Control &amp;Port…</source>
        <translation>Live-Steuerungs-&amp;Port…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="323"/>
        <source>Live Control Port</source>
        <translation>Live-Steuerungs-Port</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="323"/>
        <source>UDP port for OSC messages:</source>
        <translation>UDP-Port für OSC-Nachrichten:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="337"/>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="341"/>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="341"/>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="341"/>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="353"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="357"/>
        <source>System Default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="367"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="368"/>
        <source>&amp;About Latent Studio</source>
        <translation>Über Latent &amp;Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="370"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="375"/>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="406"/>
        <source>The open model</source>
        <translation>Das geöffnete Modell</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="407"/>
        <source>The device the model renders on</source>
        <translation>Das Gerät, auf dem das Modell rendert</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="408"/>
        <source>Output resolution</source>
        <translation>Ausgabeauflösung</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="409"/>
        <source>Time of the last render, and frames shown per second</source>
        <translation>Dauer des letzten Renderns und angezeigte Bilder pro Sekunde</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="410"/>
        <source>Canvas zoom</source>
        <translation>Zoom der Arbeitsfläche</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="411"/>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="412"/>
        <source>Fit</source>
        <translation>Angepasst</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="415"/>
        <source>Cancel Opening</source>
        <translation>Öffnen abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="417"/>
        <source>Stop opening the model and keep the one that is open</source>
        <translation>Das Öffnen des Modells abbrechen und das geöffnete behalten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="424"/>
        <source>Live control: the OSC port, the messages received and those refused (unknown address, wrong type, out of range, not OSC)</source>
        <translation>Live-Steuerung: der OSC-Port, die empfangenen und die abgewiesenen Nachrichten (unbekannte Adresse, falscher Typ, außerhalb des Bereichs, kein OSC)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="463"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="465"/>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="467"/>
        <source>Latent</source>
        <translation>Latent</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="469"/>
        <location filename="../ui/main_window.cpp" line="811"/>
        <location filename="../ui/main_window.cpp" line="815"/>
        <location filename="../ui/main_window.cpp" line="819"/>
        <source>seed A</source>
        <translation>Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="469"/>
        <location filename="../ui/main_window.cpp" line="811"/>
        <location filename="../ui/main_window.cpp" line="815"/>
        <location filename="../ui/main_window.cpp" line="819"/>
        <source>seed B</source>
        <translation>Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="470"/>
        <source>Style mixing: each layer takes its w from seed A (0) or seed B (1). Coarse layers set pose and layout, fine layers colour and texture.</source>
        <translation>Style-Mixing: Jede Schicht nimmt ihr w von Seed A (0) oder Seed B (1). Grobe Schichten bestimmen Pose und Anordnung, feine Schichten Farbe und Textur.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="472"/>
        <source>Style Mixing</source>
        <translation>Style-Mixing</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="473"/>
        <location filename="../ui/main_window.cpp" line="811"/>
        <source>prompt A</source>
        <translation>Prompt A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="473"/>
        <location filename="../ui/main_window.cpp" line="811"/>
        <source>prompt B</source>
        <translation>Prompt B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="474"/>
        <source>Prompt mixing: each layer reads prompt A (0) or prompt B (1): e.g. the layout of one prompt with the texture of another.</source>
        <translation>Prompt-Mixing: Jede Schicht liest Prompt A (0) oder Prompt B (1), z. B. die Anordnung des einen Prompts mit der Textur des anderen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="476"/>
        <source>Prompt Mixing</source>
        <translation>Prompt-Mixing</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="481"/>
        <source>Blend Pad</source>
        <translation>Misch-Pad</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="484"/>
        <source>&lt;start&gt;</source>
        <translation>&lt;Anfang&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="485"/>
        <source>Every edit, newest last. Click an entry to go back to it.</source>
        <translation>Jede Änderung, die neueste zuletzt. Klicken Sie auf einen Eintrag, um dorthin zurückzukehren.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="486"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="494"/>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="511"/>
        <source>Directions</source>
        <translation>Richtungen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="517"/>
        <source>Layer View</source>
        <translation>Schichtansicht</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="529"/>
        <source>Style mixing</source>
        <translation>Style-Mixing</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="533"/>
        <source>Prompt mixing</source>
        <translation>Prompt-Mixing</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="537"/>
        <source>Blend pad</source>
        <translation>Misch-Pad</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="547"/>
        <source>Comparison panes</source>
        <translation>Vergleichsfelder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="555"/>
        <source>Walk A → B grid</source>
        <translation>Raster „A → B gehen“</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="589"/>
        <source>Prompt A</source>
        <translation>Prompt A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="589"/>
        <source>Prompt B</source>
        <translation>Prompt B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="592"/>
        <source>Comparison pane “%1”</source>
        <translation>Vergleichsfeld „%1“</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="596"/>
        <source>%1 is %2 CLIP tokens; the model reads the first %3 and ignores the rest.</source>
        <translation>%1 hat %2 CLIP-Tokens; das Modell liest die ersten %3 und ignoriert den Rest.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="604"/>
        <source>Prompt A: %1</source>
        <translation>Prompt A: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="607"/>
        <source>Prompt B: %1</source>
        <translation>Prompt B: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="613"/>
        <source>Comparison pane “%1”: %2</source>
        <translation>Vergleichsfeld „%1“: %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="640"/>
        <source>Not rendered: %1</source>
        <translation>Nicht gerendert: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="695"/>
        <source>%1 ms · %2 fps</source>
        <translation>%1 ms · %2 B/s</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="698"/>
        <source> · preview at 1/%1 size, full frame when the drag ends</source>
        <translation> · Vorschau in 1/%1 Größe, volles Bild nach dem Ziehen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="707"/>
        <source>Rendering failed: %1</source>
        <translation>Rendern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="737"/>
        <location filename="../ui/main_window.cpp" line="739"/>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="790"/>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="799"/>
        <source>This model has no prompts to mix. Open a text- or class-conditional model.</source>
        <translation>Dieses Modell hat keine Prompts zum Mischen. Öffnen Sie ein text- oder klassenbedingtes Modell.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="806"/>
        <source>Prompt for this pane (empty: prompt A)</source>
        <translation>Prompt für dieses Feld (leer: Prompt A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="813"/>
        <source>Class name or number for this pane (empty: class A)</source>
        <translation>Klassenname oder -nummer für dieses Feld (leer: Klasse A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="815"/>
        <source>class A</source>
        <translation>Klasse A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="815"/>
        <source>class B</source>
        <translation>Klasse B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="817"/>
        <source>This model has no prompts: give panes their own seeds</source>
        <translation>Dieses Modell hat keine Prompts: Geben Sie den Feldern eigene Seeds</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="819"/>
        <source>(no prompts)</source>
        <translation>(keine Prompts)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="822"/>
        <source>Rendering the first frame…</source>
        <translation>Das erste Bild wird gerendert …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="827"/>
        <source>%1 × %1 px</source>
        <translation>%1 × %1 px</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="828"/>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="872"/>
        <location filename="../ui/main_window.cpp" line="1071"/>
        <source>Open session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="874"/>
        <source>The session was saved with a different version of this model (its SHA-256 differs); the images may not match what was saved.</source>
        <translation>Die Sitzung wurde mit einer anderen Version dieses Modells gespeichert (die SHA-256 weicht ab); die Bilder stimmen möglicherweise nicht mit dem Gespeicherten überein.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="877"/>
        <source>The session was saved with another CLIP text encoder (its SHA-256 differs from %1&apos;s); the images may not match what was saved.</source>
        <translation>Die Sitzung wurde mit einem anderen CLIP-Textencoder gespeichert (sein SHA-256 weicht von dem von %1 ab); die Bilder können vom Gespeicherten abweichen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="953"/>
        <source>Choose the CLIP Text Encoder for %1</source>
        <translation>CLIP-Textencoder für %1 wählen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="955"/>
        <source>CLIP text encoders (*.safetensors);;All files (*)</source>
        <translation>CLIP-Textencoder (*.safetensors);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="968"/>
        <source>No model loaded — %1 could not be opened. Open another with File → Open Model….</source>
        <translation>Kein Modell geladen – %1 konnte nicht geöffnet werden. Öffnen Sie ein anderes mit Datei → Modell öffnen ….</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="946"/>
        <location filename="../ui/main_window.cpp" line="974"/>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="983"/>
        <source>Opening %1 was cancelled. Open a model with File → Open Model….</source>
        <translation>Das Öffnen von %1 wurde abgebrochen. Öffnen Sie ein Modell mit Datei → Modell öffnen….</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="985"/>
        <source>Opening %1 was cancelled; %2</source>
        <translation>Das Öffnen von %1 wurde abgebrochen; %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="986"/>
        <source>%1 stays open.</source>
        <translation>%1 bleibt geöffnet.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="986"/>
        <source>no model is open.</source>
        <translation>kein Modell ist geöffnet.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="999"/>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1002"/>
        <source>opening %1</source>
        <translation>Sie %1 öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1022"/>
        <source>Could not save the session: %1</source>
        <translation>Die Sitzung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1028"/>
        <source>Saved session %1</source>
        <translation>Sitzung %1 gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1037"/>
        <source>Could not open the session %1: %2</source>
        <translation>Die Sitzung %1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1069"/>
        <source>The session&apos;s model %1 was not found; its settings are applied to the open model.</source>
        <translation>Das Modell %1 der Sitzung wurde nicht gefunden; ihre Einstellungen werden auf das geöffnete Modell angewendet.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1072"/>
        <source>Opened session %1</source>
        <translation>Sitzung %1 geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1081"/>
        <source>The canvas shows a reduced preview while a slider is dragged; save once the full frame is shown.</source>
        <translation>Während ein Regler gezogen wird, zeigt die Leinwand eine verkleinerte Vorschau; speichern Sie, sobald das volle Bild zu sehen ist.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1098"/>
        <source>Saved %1 (its settings are embedded: drop it back here to restore them)</source>
        <translation>%1 gespeichert (die Einstellungen sind eingebettet: ziehen Sie die Datei wieder hierher, um sie wiederherzustellen)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1113"/>
        <source>Saved the comparison grid to %1</source>
        <translation>Vergleichsraster in %1 gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1126"/>
        <source>Restore from %1</source>
        <translation>Aus %1 wiederherstellen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1128"/>
        <source>Restored the settings of %1. Open its model (%2) to render them.</source>
        <translation>Die Einstellungen von %1 wurden wiederhergestellt. Öffnen Sie das zugehörige Modell (%2), um sie zu rendern.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1129"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1131"/>
        <source>%1 was made with a different model (%2); its settings are applied to the open model, so the result will differ from the image.</source>
        <translation>%1 wurde mit einem anderen Modell erstellt (%2); die Einstellungen werden auf das geöffnete Modell angewendet, daher weicht das Ergebnis vom Bild ab.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1135"/>
        <source>Restored the settings of %1</source>
        <translation>Die Einstellungen von %1 wurden wiederhergestellt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1153"/>
        <source>Promote pane %1</source>
        <translation>Feld %1 übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1171"/>
        <source>Open Model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1176"/>
        <source>opening another model</source>
        <translation>Sie ein anderes Modell öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1184"/>
        <source>Open Session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1185"/>
        <source>Sessions and images (*.lstudio *.json *.png);;All files (*)</source>
        <translation>Sitzungen und Bilder (*.lstudio *.json *.png);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1203"/>
        <source>Save Session</source>
        <translation>Sitzung speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1204"/>
        <source>Latent Studio sessions (*.lstudio)</source>
        <translation>Latent-Studio-Sitzungen (*.lstudio)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1232"/>
        <source>Save Image</source>
        <translation>Bild speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1372"/>
        <source>An export is still running. Cancel it and quit? The frames written so far stay in the output folder.</source>
        <translation>Ein Export läuft noch. Abbrechen und beenden? Die bisher geschriebenen Bilder bleiben im Ausgabeordner.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1376"/>
        <source>Export Running</source>
        <translation>Export läuft</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1218"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1172"/>
        <source>Models (*.safetensors *.pkl pytorch_model.bin);;All files (*)</source>
        <translation>Modelle (*.safetensors *.pkl pytorch_model.bin);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1240"/>
        <source>Save Comparison Grid</source>
        <translation>Vergleichsraster speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1246"/>
        <source>About Latent Studio</source>
        <translation>Über Latent Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1247"/>
        <source>&lt;h3&gt;Latent Studio %1&lt;/h3&gt;&lt;p&gt;Explore the latent space of StyleGAN2-family image generators live: prompt interpolation, style mixing, prompt mixing, comparison and export.&lt;/p&gt;&lt;p&gt;Drop a model, session or image with embedded settings on the window to open it.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Latent Studio %1&lt;/h3&gt;&lt;p&gt;Erkunden Sie den latenten Raum von Bildgeneratoren der StyleGAN2-Familie live: Prompt-Interpolation, Style-Mixing, Prompt-Mixing, Vergleich und Export.&lt;/p&gt;&lt;p&gt;Ziehen Sie ein Modell, eine Sitzung oder ein Bild mit eingebetteten Einstellungen auf das Fenster, um es zu öffnen.&lt;/p&gt;</translation>
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
        <translation>Die neue Sprache gilt nach einem Neustart von Latent Studio.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1260"/>
        <source>Restart Now</source>
        <translation>Jetzt neu starten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1261"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1272"/>
        <source>Could not restart Latent Studio; start it again yourself.</source>
        <translation>Latent Studio konnte nicht neu gestartet werden; starten Sie es bitte selbst erneut.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1314"/>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1319"/>
        <source>%1 — Latent Studio</source>
        <translation>%1 — Latent Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="150"/>
        <source>Autosave failed: %1 Save the session yourself (Ctrl+S) to keep your latest changes.</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1 Speichern Sie die Sitzung selbst (Strg+S), um Ihre letzten Änderungen zu behalten.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1330"/>
        <source>Recover Session</source>
        <translation>Sitzung wiederherstellen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1331"/>
        <source>Latent Studio did not close cleanly last time. Recover the session autosaved at %1?</source>
        <translation>Latent Studio wurde beim letzten Mal nicht ordnungsgemäß beendet. Die um %1 automatisch gespeicherte Sitzung wiederherstellen?</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1347"/>
        <source>This session has unsaved changes. Save them before %1?</source>
        <translation>Diese Sitzung hat ungespeicherte Änderungen. Speichern, bevor %1?</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1352"/>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1384"/>
        <source>quitting</source>
        <translation>Sie das Programm beenden</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="508"/>
        <source>Keyframes</source>
        <translation>Schlüsselbilder</translation>
    </message>
</context>
<context>
    <name>lsui::ModelPanel</name>
    <message>
        <location filename="../ui/model_panel.cpp" line="44"/>
        <source>&amp;Open Model…</source>
        <translation>Modell ö&amp;ffnen …</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="45"/>
        <source>Open a .safetensors model or an NVlabs .pkl snapshot. You can also drop one on the window.</source>
        <translation>Ein .safetensors-Modell oder einen NVlabs-.pkl-Snapshot öffnen. Sie können die Datei auch auf das Fenster ziehen.</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="47"/>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="49"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="51"/>
        <source>CUDA GPU</source>
        <translation>CUDA-GPU</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="52"/>
        <source>Where the model renders. CUDA appears when a GPU build of libtorch finds a GPU.</source>
        <translation>Wo das Modell rendert. CUDA erscheint, wenn eine GPU-Version von libtorch eine GPU findet.</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="69"/>
        <source>What the model file says about itself</source>
        <translation>Was die Modelldatei über sich selbst aussagt</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="72"/>
        <source>&amp;Recent models (double-click to open):</source>
        <translation>&amp;Zuletzt verwendete Modelle (Doppelklick öffnet):</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="74"/>
        <source>Models opened recently. Double-click or press Enter to open.</source>
        <translation>Zuletzt geöffnete Modelle. Doppelklicken oder Eingabetaste drücken zum Öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="87"/>
        <source>&lt;p&gt;&lt;b&gt;No model loaded.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Open a model with &lt;i&gt;Open Model…&lt;/i&gt;, drop a file on the window, or pick one from the recent list.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Kein Modell geladen.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Öffnen Sie ein Modell mit &lt;i&gt;Modell öffnen …&lt;/i&gt;, ziehen Sie eine Datei auf das Fenster oder wählen Sie eines aus der Liste der zuletzt verwendeten.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="99"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="100"/>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="101"/>
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="101"/>
        <source>%1 × %1 px, %2 channels</source>
        <translation>%1 × %1 px, %2 Kanäle</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="102"/>
        <source>Latent</source>
        <translation>Latent</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="102"/>
        <source>z %1, w %2</source>
        <translation>z %1, w %2</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="103"/>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="103"/>
        <source>%1 w indices: %2 coarse, %3 middle, %4 fine</source>
        <translation>%1 w-Indizes: %2 grob, %3 mittel, %4 fein</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="106"/>
        <location filename="../ui/model_panel.cpp" line="112"/>
        <location filename="../ui/model_panel.cpp" line="119"/>
        <location filename="../ui/model_panel.cpp" line="129"/>
        <source>Conditioning</source>
        <translation>Konditionierung</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="106"/>
        <source>none (unconditional)</source>
        <translation>keine (unbedingt)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/model_panel.cpp" line="112"/>
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n Klasse</numerusform>
            <numerusform>%n Klassen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="114"/>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="119"/>
        <source>text: any English prompt, read by CLIP (up to 77 tokens)</source>
        <translation>Text: beliebiger englischer Prompt, von CLIP gelesen (bis zu 77 Tokens)</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="120"/>
        <source>Text encoder</source>
        <translation>Textencoder</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="120"/>
        <source>%1 (CLIP, %2-wide features), SHA-256 &lt;code&gt;%3…&lt;/code&gt;</source>
        <translation>%1 (CLIP, Merkmale der Breite %2), SHA-256 &lt;code&gt;%3…&lt;/code&gt;</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="129"/>
        <source>text, up to %1 words per prompt</source>
        <translation>Text, bis zu %1 Wörter pro Prompt</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="130"/>
        <source>Vocabulary</source>
        <translation>Wortschatz</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/model_panel.cpp" line="130"/>
        <source>%n word(s):</source>
        <translation>
            <numerusform>%n Wort:</numerusform>
            <numerusform>%n Wörter:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="134"/>
        <source>License</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="134"/>
        <source>not stated</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="136"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="137"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../ui/model_panel.cpp" line="138"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
</context>
<context>
    <name>lsui::OscControl</name>
    <message>
        <location filename="../ui/osc_control.cpp" line="50"/>
        <source>OSC :%1 · %2 received · %3 refused</source>
        <translation>OSC :%1 · %2 empfangen · %3 abgewiesen</translation>
    </message>
    <message>
        <location filename="../ui/osc_control.cpp" line="70"/>
        <source>Live control</source>
        <translation>Live-Steuerung</translation>
    </message>
</context>
<context>
    <name>lsui::PromptEdit</name>
    <message>
        <location filename="../ui/prompt_edit.cpp" line="135"/>
        <source>“%1” is not in this model&apos;s vocabulary, so the model cannot read it.</source>
        <translation>„%1“ ist nicht im Wortschatz dieses Modells, daher kann das Modell es nicht lesen.</translation>
    </message>
    <message>
        <location filename="../ui/prompt_edit.cpp" line="141"/>
        <source>Did you mean: %1?</source>
        <translation>Meinten Sie: %1?</translation>
    </message>
    <message>
        <location filename="../ui/prompt_edit.cpp" line="149"/>
        <source>This prompt has more words than the model reads (%1); the rest is ignored.</source>
        <translation>Dieser Prompt hat mehr Wörter, als das Modell liest (%1); der Rest wird ignoriert.</translation>
    </message>
</context>
<context>
    <name>lsui::PromptsPanel</name>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="25"/>
        <source>This model is unconditional: it has no prompts or classes. Use seeds, style mixing and the latent controls.</source>
        <translation>Dieses Modell ist unbedingt: Es hat weder Prompts noch Klassen. Verwenden Sie Seeds, Style-Mixing und die latenten Regler.</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="35"/>
        <source>Prompt A. Words the model does not know are underlined in red; hover for suggestions.</source>
        <translation>Prompt A. Wörter, die das Modell nicht kennt, sind rot unterstrichen; für Vorschläge mit der Maus darüberfahren.</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="38"/>
        <source>Prompt B, the other end of the prompt interpolation.</source>
        <translation>Prompt B, das andere Ende der Prompt-Interpolation.</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="39"/>
        <source>Prompt &amp;A:</source>
        <translation>Prompt &amp;A:</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="41"/>
        <source>Prompt &amp;B:</source>
        <translation>Prompt &amp;B:</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="62"/>
        <source>Class A of this class-conditional model</source>
        <translation>Klasse A dieses klassenbedingten Modells</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="65"/>
        <source>Class B, the other end of the class interpolation</source>
        <translation>Klasse B, das andere Ende der Klassen-Interpolation</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="66"/>
        <source>Class A:</source>
        <translation>Klasse A:</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="68"/>
        <source>Class B:</source>
        <translation>Klasse B:</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="80"/>
        <source>Type to search the classes</source>
        <translation>Tippen, um die Klassen zu durchsuchen</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="95"/>
        <source>A→&amp;B:</source>
        <translation>A→&amp;B:</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="98"/>
        <source>Prompt interpolation: 0 renders prompt A, 1 prompt B; the seed stays fixed.</source>
        <translation>Prompt-Interpolation: 0 rendert Prompt A, 1 Prompt B; der Seed bleibt fest.</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="100"/>
        <source>Linear (lerp)</source>
        <translation>Linear (lerp)</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="101"/>
        <source>Spherical (slerp)</source>
        <translation>Sphärisch (slerp)</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="102"/>
        <source>How prompt features are blended between A and B</source>
        <translation>Wie die Prompt-Merkmale zwischen A und B gemischt werden</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="104"/>
        <source>Blend &amp;mode:</source>
        <translation>&amp;Mischmodus:</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="116"/>
        <source>Edit prompt A</source>
        <translation>Prompt A bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="119"/>
        <source>Edit prompt B</source>
        <translation>Prompt B bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="122"/>
        <source>Class A</source>
        <translation>Klasse A</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="125"/>
        <source>Class B</source>
        <translation>Klasse B</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="129"/>
        <source>Prompt interpolation</source>
        <translation>Prompt-Interpolation</translation>
    </message>
    <message>
        <location filename="../ui/prompts_panel.cpp" line="132"/>
        <source>Prompt blend mode</source>
        <translation>Prompt-Mischmodus</translation>
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
        <translation>Das Modell konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/render_service.cpp" line="244"/>
        <location filename="../ui/render_service.cpp" line="354"/>
        <source>No model is open. Open one with File → Open Model…</source>
        <translation>Kein Modell geöffnet. Öffnen Sie eines mit Datei → Modell öffnen …</translation>
    </message>
    <message>
        <location filename="../ui/render_service.cpp" line="251"/>
        <location filename="../ui/render_service.cpp" line="420"/>
        <source>Rendering failed: %1</source>
        <translation>Rendern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/render_service.cpp" line="398"/>
        <source>%1 · %2 channels × %3 × %4 px · mean |x| %5 · max |x| %6</source>
        <translation>%1 · %2 Kanäle × %3 × %4 px · Mittel |x| %5 · Max |x| %6</translation>
    </message>
    <message>
        <location filename="../ui/render_service.cpp" line="402"/>
        <source> · showing channels %1–%2</source>
        <translation> · zeigt Kanäle %1–%2</translation>
    </message>
</context>
<context>
    <name>lsui::SeedBox</name>
    <message>
        <location filename="../ui/seed_box.cpp" line="38"/>
        <source>Previous seed</source>
        <translation>Vorheriger Seed</translation>
    </message>
    <message>
        <location filename="../ui/seed_box.cpp" line="39"/>
        <source>Next seed</source>
        <translation>Nächster Seed</translation>
    </message>
    <message>
        <location filename="../ui/seed_box.cpp" line="40"/>
        <source>Random seed</source>
        <translation>Zufälliger Seed</translation>
    </message>
    <message>
        <location filename="../ui/seed_box.cpp" line="41"/>
        <source>Reset to %1</source>
        <translation>Auf %1 zurücksetzen</translation>
    </message>
</context>
<context>
    <name>lsui::SessionFiles</name>
    <message>
        <location filename="../ui/session_files.cpp" line="69"/>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <location filename="../ui/session_files.cpp" line="73"/>
        <source>A → B %1</source>
        <translation>A → B %1</translation>
    </message>
    <message>
        <location filename="../ui/session_files.cpp" line="75"/>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <location filename="../ui/session_files.cpp" line="76"/>
        <source>%1 · seed %2</source>
        <translation>%1 · Seed %2</translation>
    </message>
    <message>
        <location filename="../ui/session_files.cpp" line="84"/>
        <source>The comparison grid has no images yet: show the Comparison panel and wait for its frames.</source>
        <translation>Das Vergleichsraster hat noch keine Bilder: Zeigen Sie das Vergleichsfeld an und warten Sie auf seine Bilder.</translation>
    </message>
    <message>
        <location filename="../ui/session_files.cpp" line="98"/>
        <source>%1 Choose a folder you can write to, or free some space.</source>
        <translation>%1 Wählen Sie einen Ordner, in den Sie schreiben dürfen, oder schaffen Sie Platz.</translation>
    </message>
</context>
<context>
    <name>lsui::ValueSlider</name>
    <message>
        <location filename="../ui/value_slider.cpp" line="40"/>
        <source>Reset to %1</source>
        <translation>Auf %1 zurücksetzen</translation>
    </message>
</context>
</TS>
