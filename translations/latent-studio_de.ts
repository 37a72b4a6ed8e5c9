<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>lsui::BlendPad</name>
    <message>
        <location filename="../ui/blend_pad.cpp" line="18" />
        <source>prompt A</source>
        <translation>Prompt A</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="18" />
        <source>prompt B</source>
        <translation>Prompt B</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="18" />
        <source>seed A</source>
        <translation>Seed A</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="18" />
        <source>seed B</source>
        <translation>Seed B</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="19" />
        <source>Drag the point to blend four corners: left→right goes from prompt A to prompt B, top→bottom from seed A to seed B. Arrow keys move it (Shift: finer).</source>
        <translation>Ziehen Sie den Punkt, um vier Ecken zu mischen: links→rechts geht von Prompt A zu Prompt B, oben→unten von Seed A zu Seed B. Pfeiltasten verschieben ihn (Umschalt: feiner).</translation>
    </message>
    <message>
        <location filename="../ui/blend_pad.cpp" line="78" />
        <source>↓ %1 → %2</source>
        <translation>↓ %1 → %2</translation>
    </message>
</context>
<context>
    <name>lsui::CanvasView</name>
    <message>
        <location filename="../ui/canvas_view.cpp" line="26" />
        <source>The current frame. Ctrl+wheel zooms; View menu: fit, 1:1, smooth scaling.</source>
        <translation>Das aktuelle Bild. Strg+Mausrad zoomt; Menü Ansicht: anpassen, 1:1, weiche Skalierung.</translation>
    </message>
    <message>
        <location filename="../ui/canvas_view.cpp" line="81" />
        <source>Fit</source>
        <translation>Angepasst</translation>
    </message>
    <message>
        <location filename="../ui/canvas_view.cpp" line="81" />
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>lsui::ComparisonPanel</name>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="67" />
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="68" />
        <source>Give this pane its own seed A instead of the main one.</source>
        <translation>Diesem Feld einen eigenen Seed A statt des Haupt-Seeds geben.</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="73" />
        <source>This pane's seed A.</source>
        <translation>Seed A dieses Felds.</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="75" />
        <source>Promote</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="76" />
        <source>Make this pane's prompt and seed the main state.</source>
        <translation>Prompt und Seed dieses Felds in den Hauptzustand übernehmen.</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="95" />
        <source>&amp;Panes:</source>
        <translation>&amp;Felder:</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="98" />
        <source>How many panes to compare (2–16). All render together in one batch.</source>
        <translation>Wie viele Felder verglichen werden (2–16). Alle werden gemeinsam in einem Stapel gerendert.</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="100" />
        <source>C&amp;olumns:</source>
        <translation>&amp;Spalten:</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="103" />
        <source>Panes per row, in the panel and in the saved grid image.</source>
        <translation>Felder pro Zeile, im Bedienfeld und im gespeicherten Rasterbild.</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="105" />
        <source>Save &amp;Grid…</source>
        <translation>&amp;Raster speichern …</translation>
    </message>
    <message>
        <location filename="../ui/comparison_panel.cpp" line="106" />
        <source>Save all panes as one PNG image.</source>
        <translation>Alle Felder als ein PNG-Bild speichern.</translation>
    </message>
</context>
<context>
    <name>lsui::ImageMetadata</name>
    <message>
        <location filename="../ui/image_metadata.cpp" line="23" />
        <source>There is no image to save yet: wait for the first frame.</source>
        <translation>Es gibt noch kein Bild zum Speichern: Warten Sie auf das erste Bild.</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="31" />
        <source>Could not write %1: %2. Choose a folder you can write to.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="41" />
        <source>Could not read %1 as an image: %2.</source>
        <translation>%1 konnte nicht als Bild gelesen werden: %2.</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="45" />
        <source>%1 has no Latent Studio metadata, so there is no state to restore. Only images saved by Latent Studio (Save Image, export) carry their settings.</source>
        <translation>%1 enthält keine Latent-Studio-Metadaten, daher gibt es keinen Zustand zum Wiederherstellen. Nur von Latent Studio gespeicherte Bilder (Bild speichern, Export) tragen ihre Einstellungen.</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="52" />
        <source>The settings stored in %1 are damaged: %2</source>
        <translation>Die in %1 gespeicherten Einstellungen sind beschädigt: %2</translation>
    </message>
    <message>
        <location filename="../ui/image_metadata.cpp" line="56" />
        <source>The settings stored in %1 are not valid JSON: %2</source>
        <translation>Die in %1 gespeicherten Einstellungen sind kein gültiges JSON: %2</translation>
    </message>
</context>
<context>
    <name>lsui::LayerMixPanel</name>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="32" />
        <source>&amp;Crossover:</source>
        <translation>Ü&amp;bergang:</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="35" />
        <source>The first w index that the presets treat as fine. Layers before it are coarse.</source>
        <translation>Der erste w-Index, den die Voreinstellungen als fein behandeln. Schichten davor gelten als grob.</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="46" />
        <source>Coarse from B</source>
        <translation>Grob von B</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="46" />
        <source>Layers before the crossover take %1; the rest %2.</source>
        <translation>Schichten vor dem Übergang nehmen %1, der Rest %2.</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="48" />
        <source>Fine from B</source>
        <translation>Fein von B</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="48" />
        <source>Layers from the crossover on take %1; the rest %2.</source>
        <translation>Schichten ab dem Übergang nehmen %1, der Rest %2.</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="50" />
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="50" />
        <source>Every layer takes %1 (reset).</source>
        <translation>Jede Schicht nimmt %1 (zurücksetzen).</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="93" />
        <source>Coarse (pose, layout)</source>
        <translation>Grob (Pose, Anordnung)</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="94" />
        <source>Middle (features)</source>
        <translation>Mittel (Merkmale)</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="95" />
        <source>Fine (colour, texture)</source>
        <translation>Fein (Farbe, Textur)</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="110" />
        <source>w%1 · %2 px</source>
        <translation>w%1 · %2 px</translation>
    </message>
    <message>
        <location filename="../ui/layer_mix_panel.cpp" line="113" />
        <source>Layer %1 (%2): 0 takes %3, 1 takes %4, between blends.</source>
        <translation>Schicht %1 (%2): 0 nimmt %3, 1 nimmt %4, dazwischen wird gemischt.</translation>
    </message>
</context>
<context>
    <name>lsui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="101" />
        <source>No model loaded — open one with File → Open Model… (Ctrl+O) or drop a .safetensors or .pkl file here.</source>
        <translation>Kein Modell geladen – öffnen Sie eines mit Datei → Modell öffnen … (Strg+O) oder ziehen Sie eine .safetensors- oder .pkl-Datei hierher.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="171" />
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="176" />
        <source>Open &amp;Model…</source>
        <translation>&amp;Modell öffnen …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="176" />
        <source>Open a .safetensors model or an NVlabs .pkl snapshot</source>
        <translation>Ein .safetensors-Modell oder einen NVlabs-.pkl-Snapshot öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="178" />
        <source>Open &amp;Session…</source>
        <translation>&amp;Sitzung öffnen …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="178" />
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="178" />
        <source>Open a saved .lstudio session</source>
        <translation>Eine gespeicherte .lstudio-Sitzung öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="179" />
        <source>&amp;Save Session</source>
        <translation>Sitzung &amp;speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="179" />
        <source>Save the whole studio state as a session</source>
        <translation>Den gesamten Zustand des Studios als Sitzung speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="181" />
        <source>Save Session &amp;As…</source>
        <translation>Sitzung speichern &amp;unter …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="181" />
        <source>Save the session under a new name</source>
        <translation>Die Sitzung unter neuem Namen speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="182" />
        <source>Save &amp;Image…</source>
        <translation>&amp;Bild speichern …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="182" />
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="183" />
        <source>Save the current frame as PNG with its settings embedded</source>
        <translation>Das aktuelle Bild als PNG mit eingebetteten Einstellungen speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="185" />
        <source>Save Comparison &amp;Grid…</source>
        <translation>&amp;Vergleichsraster speichern …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="185" />
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="185" />
        <source>Save all comparison panes as one image</source>
        <translation>Alle Vergleichsfelder als ein Bild speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="186" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="186" />
        <source>Close Latent Studio</source>
        <translation>Latent Studio schließen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="189" />
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="192" />
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="193" />
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="198" />
        <source>&amp;Previous Seed A</source>
        <translation>&amp;Vorheriger Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="198" />
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="198" />
        <source>Seed A − 1</source>
        <translation>Seed A − 1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="200" />
        <source>&amp;Next Seed A</source>
        <translation>&amp;Nächster Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="200" />
        <source>Alt+Right</source>
        <translation>Alt+Right</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="200" />
        <source>Seed A + 1</source>
        <translation>Seed A + 1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="202" />
        <source>&amp;Random Seed A</source>
        <translation>&amp;Zufälliger Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="202" />
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="202" />
        <source>A random seed A</source>
        <translation>Ein zufälliger Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="204" />
        <source>Previous Seed B</source>
        <translation>Vorheriger Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="204" />
        <source>Alt+Shift+Left</source>
        <translation>Alt+Shift+Left</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="204" />
        <source>Seed B − 1</source>
        <translation>Seed B − 1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="205" />
        <source>Next Seed B</source>
        <translation>Nächster Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="205" />
        <source>Alt+Shift+Right</source>
        <translation>Alt+Shift+Right</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="205" />
        <source>Seed B + 1</source>
        <translation>Seed B + 1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="206" />
        <source>Random Seed B</source>
        <translation>Zufälliger Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="206" />
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="206" />
        <source>A random seed B</source>
        <translation>Ein zufälliger Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="207" />
        <source>&amp;Swap A and B</source>
        <translation>A und B &amp;tauschen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="207" />
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="207" />
        <source>Swap prompts, classes and seeds of sides A and B</source>
        <translation>Prompts, Klassen und Seeds der Seiten A und B tauschen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="209" />
        <source>&amp;Fit to Window</source>
        <translation>An Fenster an&amp;passen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="209" />
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="209" />
        <source>Scale the frame to fit the window</source>
        <translation>Das Bild an das Fenster anpassen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="211" />
        <source>&amp;Actual Size (1:1)</source>
        <translation>&amp;Originalgröße (1:1)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="211" />
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="211" />
        <source>One image pixel per screen pixel</source>
        <translation>Ein Bildpixel pro Bildschirmpixel</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="213" />
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="213" />
        <source>Zoom in (×2)</source>
        <translation>Vergrößern (×2)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="214" />
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="214" />
        <source>Zoom out (÷2)</source>
        <translation>Verkleinern (÷2)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="215" />
        <source>&amp;Smooth Scaling</source>
        <translation>&amp;Weiche Skalierung</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="215" />
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="215" />
        <source>Smooth (bilinear) or nearest-neighbour scaling</source>
        <translation>Weiche (bilineare) oder Nächster-Nachbar-Skalierung</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="237" />
        <source>Next seed A</source>
        <translation>Nächster Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="238" />
        <source>Previous seed A</source>
        <translation>Vorheriger Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="240" />
        <source>Next seed B</source>
        <translation>Nächster Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="241" />
        <source>Previous seed B</source>
        <translation>Vorheriger Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="244" />
        <source>Swap A and B</source>
        <translation>A und B tauschen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="254" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="257" />
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt verwendet</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="268" />
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="282" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="283" />
        <source>&amp;Panels</source>
        <translation>&amp;Bedienfelder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="294" />
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="298" />
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="298" />
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="298" />
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="310" />
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="314" />
        <source>System Default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="324" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="325" />
        <source>&amp;About Latent Studio</source>
        <translation>Über Latent &amp;Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="327" />
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="332" />
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="361" />
        <source>The open model</source>
        <translation>Das geöffnete Modell</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="362" />
        <source>The device the model renders on</source>
        <translation>Das Gerät, auf dem das Modell rendert</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="363" />
        <source>Output resolution</source>
        <translation>Ausgabeauflösung</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="364" />
        <source>Time of the last render, and frames shown per second</source>
        <translation>Dauer des letzten Renderns und angezeigte Bilder pro Sekunde</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="365" />
        <source>Canvas zoom</source>
        <translation>Zoom der Arbeitsfläche</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="366" />
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="367" />
        <source>Fit</source>
        <translation>Angepasst</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="382" />
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="383" />
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="384" />
        <location filename="../ui/main_window.cpp" line="951" />
        <source>Latent</source>
        <translation>Latent</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="386" />
        <location filename="../ui/main_window.cpp" line="850" />
        <location filename="../ui/main_window.cpp" line="854" />
        <location filename="../ui/main_window.cpp" line="858" />
        <source>seed A</source>
        <translation>Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="386" />
        <location filename="../ui/main_window.cpp" line="850" />
        <location filename="../ui/main_window.cpp" line="854" />
        <location filename="../ui/main_window.cpp" line="858" />
        <source>seed B</source>
        <translation>Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="387" />
        <source>Style mixing: each layer takes its w from seed A (0) or seed B (1). Coarse layers set pose and layout, fine layers colour and texture.</source>
        <translation>Style-Mixing: Jede Schicht nimmt ihr w von Seed A (0) oder Seed B (1). Grobe Schichten bestimmen Pose und Anordnung, feine Schichten Farbe und Textur.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="389" />
        <source>Style Mixing</source>
        <translation>Style-Mixing</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="390" />
        <location filename="../ui/main_window.cpp" line="850" />
        <source>prompt A</source>
        <translation>Prompt A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="390" />
        <location filename="../ui/main_window.cpp" line="850" />
        <source>prompt B</source>
        <translation>Prompt B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="391" />
        <source>Prompt mixing: each layer reads prompt A (0) or prompt B (1): e.g. the layout of one prompt with the texture of another.</source>
        <translation>Prompt-Mixing: Jede Schicht liest Prompt A (0) oder Prompt B (1), z. B. die Anordnung des einen Prompts mit der Textur des anderen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="393" />
        <source>Prompt Mixing</source>
        <translation>Prompt-Mixing</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="398" />
        <source>Blend Pad</source>
        <translation>Misch-Pad</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="401" />
        <source>&lt;start&gt;</source>
        <translation>&lt;Anfang&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="402" />
        <source>Every edit, newest last. Click an entry to go back to it.</source>
        <translation>Jede Änderung, die neueste zuletzt. Klicken Sie auf einen Eintrag, um dorthin zurückzukehren.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="403" />
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="411" />
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="418" />
        <source>Style mixing</source>
        <translation>Style-Mixing</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="422" />
        <source>Prompt mixing</source>
        <translation>Prompt-Mixing</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="426" />
        <source>Blend pad</source>
        <translation>Misch-Pad</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="436" />
        <source>Comparison panes</source>
        <translation>Vergleichsfelder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="450" />
        <source>&amp;Open Model…</source>
        <translation>Modell ö&amp;ffnen …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="451" />
        <source>Open a .safetensors model or an NVlabs .pkl snapshot. You can also drop one on the window.</source>
        <translation>Ein .safetensors-Modell oder einen NVlabs-.pkl-Snapshot öffnen. Sie können die Datei auch auf das Fenster ziehen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="453" />
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="455" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="457" />
        <source>CUDA GPU</source>
        <translation>CUDA-GPU</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="458" />
        <source>Where the model renders. CUDA appears when a GPU build of libtorch finds a GPU.</source>
        <translation>Wo das Modell rendert. CUDA erscheint, wenn eine GPU-Version von libtorch eine GPU findet.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="476" />
        <source>What the model file says about itself</source>
        <translation>Was die Modelldatei über sich selbst aussagt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="479" />
        <source>&amp;Recent models (double-click to open):</source>
        <translation>&amp;Zuletzt verwendete Modelle (Doppelklick öffnet):</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="481" />
        <source>Models opened recently. Double-click or press Enter to open.</source>
        <translation>Zuletzt geöffnete Modelle. Doppelklicken oder Eingabetaste drücken zum Öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="497" />
        <source>This model is unconditional: it has no prompts or classes. Use seeds, style mixing and the latent controls.</source>
        <translation>Dieses Modell ist unbedingt: Es hat weder Prompts noch Klassen. Verwenden Sie Seeds, Style-Mixing und die latenten Regler.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="507" />
        <source>Prompt A. Words the model does not know are underlined in red; hover for suggestions.</source>
        <translation>Prompt A. Wörter, die das Modell nicht kennt, sind rot unterstrichen; für Vorschläge mit der Maus darüberfahren.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="510" />
        <source>Prompt B, the other end of the prompt interpolation.</source>
        <translation>Prompt B, das andere Ende der Prompt-Interpolation.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="511" />
        <source>Prompt &amp;A:</source>
        <translation>Prompt &amp;A:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="513" />
        <source>Prompt &amp;B:</source>
        <translation>Prompt &amp;B:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="527" />
        <source>Class A of this class-conditional model</source>
        <translation>Klasse A dieses klassenbedingten Modells</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="529" />
        <source>Class B, the other end of the class interpolation</source>
        <translation>Klasse B, das andere Ende der Klassen-Interpolation</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="530" />
        <source>Class A:</source>
        <translation>Klasse A:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="532" />
        <source>Class B:</source>
        <translation>Klasse B:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="538" />
        <source>A→&amp;B:</source>
        <translation>A→&amp;B:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="541" />
        <source>Prompt interpolation: 0 renders prompt A, 1 prompt B; the seed stays fixed.</source>
        <translation>Prompt-Interpolation: 0 rendert Prompt A, 1 Prompt B; der Seed bleibt fest.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="543" />
        <location filename="../ui/main_window.cpp" line="602" />
        <source>Linear (lerp)</source>
        <translation>Linear (lerp)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="544" />
        <location filename="../ui/main_window.cpp" line="601" />
        <source>Spherical (slerp)</source>
        <translation>Sphärisch (slerp)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="545" />
        <source>How prompt features are blended between A and B</source>
        <translation>Wie die Prompt-Merkmale zwischen A und B gemischt werden</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="547" />
        <source>Blend &amp;mode:</source>
        <translation>&amp;Mischmodus:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="559" />
        <source>Edit prompt A</source>
        <translation>Prompt A bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="562" />
        <source>Edit prompt B</source>
        <translation>Prompt B bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="565" />
        <source>Class A</source>
        <translation>Klasse A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="568" />
        <source>Class B</source>
        <translation>Klasse B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="572" />
        <source>Prompt interpolation</source>
        <translation>Prompt-Interpolation</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="575" />
        <source>Prompt blend mode</source>
        <translation>Prompt-Mischmodus</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="586" />
        <source>Seed &amp;A:</source>
        <translation>Seed &amp;A:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="588" />
        <source>Seed A picks the latent z (0 … 4294967295). Alt+←/→ steps, Ctrl+R randomises.</source>
        <translation>Seed A wählt das latente z (0 … 4294967295). Alt+←/→ schaltet weiter, Strg+R wählt zufällig.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="589" />
        <source>Seed &amp;B:</source>
        <translation>Seed &amp;B:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="591" />
        <source>Seed B: the other end of latent interpolation and the source of style mixing.</source>
        <translation>Seed B: das andere Ende der latenten Interpolation und die Quelle des Style-Mixings.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="595" />
        <source>Seed A→B:</source>
        <translation>Seed A→B:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="598" />
        <source>Latent interpolation between the z of seed A (0) and seed B (1).</source>
        <translation>Latente Interpolation zwischen dem z von Seed A (0) und Seed B (1).</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="603" />
        <source>Spherical interpolation keeps z on the shell where Gaussian samples live.</source>
        <translation>Sphärische Interpolation hält z auf der Schale, auf der Gauß-Stichproben liegen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="605" />
        <source>Latent blend:</source>
        <translation>Latente Mischung:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="607" />
        <source>Truncation ψ:</source>
        <translation>Trunkierung ψ:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="609" />
        <source>Pulls w toward the average w: below 1 more typical and less varied, 0 the average image, above 1 more extreme.</source>
        <translation>Zieht w zum mittleren w: unter 1 typischer und weniger vielfältig, 0 ergibt das Durchschnittsbild, über 1 extremer.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="614" />
        <source>all layers</source>
        <translation>alle Schichten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="615" />
        <source>Truncate only the first N w indices (coarse layers); “all layers” truncates every one.</source>
        <translation>Nur die ersten N w-Indizes kürzen (grobe Schichten); „alle Schichten“ kürzt jeden.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="616" />
        <source>Truncation &amp;cutoff:</source>
        <translation>Trunkierungs&amp;grenze:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="618" />
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="619" />
        <source>Random (noise seed)</source>
        <translation>Zufällig (Rausch-Seed)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="620" />
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="621" />
        <source>Per-pixel noise inputs: the model's stored constant noise, noise from the noise seed, or none.</source>
        <translation>Pixelweise Rauscheingaben: das im Modell gespeicherte konstante Rauschen, Rauschen aus dem Rausch-Seed oder keines.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="622" />
        <source>&amp;Noise:</source>
        <translation>&amp;Rauschen:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="624" />
        <source>Seed of the random noise (used when noise is Random).</source>
        <translation>Seed des Zufallsrauschens (verwendet, wenn Rauschen auf Zufällig steht).</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="625" />
        <source>Noise seed:</source>
        <translation>Rausch-Seed:</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="630" />
        <source>Seed A</source>
        <translation>Seed A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="633" />
        <source>Seed B</source>
        <translation>Seed B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="637" />
        <source>Latent interpolation</source>
        <translation>Latente Interpolation</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="640" />
        <source>Latent blend mode</source>
        <translation>Latenter Mischmodus</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="646" />
        <source>Truncation</source>
        <translation>Trunkierung</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="651" />
        <source>Truncation cutoff</source>
        <translation>Trunkierungsgrenze</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="654" />
        <source>Noise mode</source>
        <translation>Rauschmodus</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="660" />
        <source>Noise seed</source>
        <translation>Rausch-Seed</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="709" />
        <source>Prompt A: %1</source>
        <translation>Prompt A: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="712" />
        <source>Prompt B: %1</source>
        <translation>Prompt B: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="718" />
        <source>Comparison pane “%1”: %2</source>
        <translation>Vergleichsfeld „%1“: %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="778" />
        <source>%1 ms · %2 fps</source>
        <translation>%1 ms · %2 B/s</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="784" />
        <source>Rendering failed: %1</source>
        <translation>Rendern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="803" />
        <location filename="../ui/main_window.cpp" line="805" />
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="830" />
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="841" />
        <source>This model has no prompts to mix. Open a text- or class-conditional model.</source>
        <translation>Dieses Modell hat keine Prompts zum Mischen. Öffnen Sie ein text- oder klassenbedingtes Modell.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="845" />
        <source>Prompt for this pane (empty: prompt A)</source>
        <translation>Prompt für dieses Feld (leer: Prompt A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="852" />
        <source>Class name or number for this pane (empty: class A)</source>
        <translation>Klassenname oder -nummer für dieses Feld (leer: Klasse A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="854" />
        <source>class A</source>
        <translation>Klasse A</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="854" />
        <source>class B</source>
        <translation>Klasse B</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="856" />
        <source>This model has no prompts: give panes their own seeds</source>
        <translation>Dieses Modell hat keine Prompts: Geben Sie den Feldern eigene Seeds</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="858" />
        <source>(no prompts)</source>
        <translation>(keine Prompts)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="861" />
        <source>Rendering the first frame…</source>
        <translation>Das erste Bild wird gerendert …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="866" />
        <source>%1 × %1 px</source>
        <translation>%1 × %1 px</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="867" />
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="873" />
        <location filename="../ui/main_window.cpp" line="1061" />
        <source>Open session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="875" />
        <source>The session was saved with a different version of this model (its SHA-256 differs); the images may not match what was saved.</source>
        <translation>Die Sitzung wurde mit einer anderen Version dieses Modells gespeichert (die SHA-256 weicht ab); die Bilder stimmen möglicherweise nicht mit dem Gespeicherten überein.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="927" />
        <source>No model loaded — %1 could not be opened. Open another with File → Open Model….</source>
        <translation>Kein Modell geladen – %1 konnte nicht geöffnet werden. Öffnen Sie ein anderes mit Datei → Modell öffnen ….</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="930" />
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="936" />
        <source>&lt;p&gt;&lt;b&gt;No model loaded.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Open a model with &lt;i&gt;Open Model…&lt;/i&gt;, drop a file on the window, or pick one from the recent list.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Kein Modell geladen.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Öffnen Sie ein Modell mit &lt;i&gt;Modell öffnen …&lt;/i&gt;, ziehen Sie eine Datei auf das Fenster oder wählen Sie eines aus der Liste der zuletzt verwendeten.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="948" />
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="949" />
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="950" />
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="950" />
        <source>%1 × %1 px, %2 channels</source>
        <translation>%1 × %1 px, %2 Kanäle</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="951" />
        <source>z %1, w %2</source>
        <translation>z %1, w %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="952" />
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="952" />
        <source>%1 w indices: %2 coarse, %3 middle, %4 fine</source>
        <translation>%1 w-Indizes: %2 grob, %3 mittel, %4 fein</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="955" />
        <location filename="../ui/main_window.cpp" line="961" />
        <location filename="../ui/main_window.cpp" line="970" />
        <source>Conditioning</source>
        <translation>Konditionierung</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="955" />
        <source>none (unconditional)</source>
        <translation>keine (unbedingt)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="961" />
        <source>%n class(es)</source>
        <translation><numerusform>%n Klasse</numerusform><numerusform>%n Klassen</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="963" />
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="970" />
        <source>text, up to %1 words per prompt</source>
        <translation>Text, bis zu %1 Wörter pro Prompt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="971" />
        <source>Vocabulary</source>
        <translation>Wortschatz</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="971" />
        <source>%n word(s):</source>
        <translation><numerusform>%n Wort:</numerusform><numerusform>%n Wörter:</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="975" />
        <source>License</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="975" />
        <source>not stated</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="977" />
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="978" />
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="979" />
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="990" />
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1021" />
        <source>Could not save the session: %1</source>
        <translation>Die Sitzung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1027" />
        <source>Saved session %1</source>
        <translation>Sitzung %1 gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1036" />
        <source>Could not open the session %1: %2</source>
        <translation>Die Sitzung %1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1060" />
        <source>The session's model %1 was not found; its settings are applied to the open model.</source>
        <translation>Das Modell %1 der Sitzung wurde nicht gefunden; ihre Einstellungen werden auf das geöffnete Modell angewendet.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1062" />
        <source>Opened session %1</source>
        <translation>Sitzung %1 geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1075" />
        <source>Saved %1 (its settings are embedded: drop it back here to restore them)</source>
        <translation>%1 gespeichert (die Einstellungen sind eingebettet: ziehen Sie die Datei wieder hierher, um sie wiederherzustellen)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1083" />
        <source>The comparison grid has no images yet: show the Comparison panel and wait for its frames.</source>
        <translation>Das Vergleichsraster hat noch keine Bilder: Zeigen Sie das Vergleichsfeld an und warten Sie auf seine Bilder.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1088" />
        <source>Could not write %1. Choose a folder you can write to.</source>
        <translation>%1 konnte nicht geschrieben werden. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1092" />
        <source>Saved the comparison grid to %1</source>
        <translation>Vergleichsraster in %1 gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1105" />
        <source>Restore from %1</source>
        <translation>Aus %1 wiederherstellen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1107" />
        <source>Restored the settings of %1. Open its model (%2) to render them.</source>
        <translation>Die Einstellungen von %1 wurden wiederhergestellt. Öffnen Sie das zugehörige Modell (%2), um sie zu rendern.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1108" />
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1110" />
        <source>%1 was made with a different model (%2); its settings are applied to the open model, so the result will differ from the image.</source>
        <translation>%1 wurde mit einem anderen Modell erstellt (%2); die Einstellungen werden auf das geöffnete Modell angewendet, daher weicht das Ergebnis vom Bild ab.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1114" />
        <source>Restored the settings of %1</source>
        <translation>Die Einstellungen von %1 wurden wiederhergestellt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1132" />
        <source>Promote pane %1</source>
        <translation>Feld %1 übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1147" />
        <source>Open Model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1148" />
        <source>Models (*.safetensors *.pkl);;All files (*)</source>
        <translation>Modelle (*.safetensors *.pkl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1158" />
        <source>Open Session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1159" />
        <source>Sessions and images (*.lstudio *.json *.png);;All files (*)</source>
        <translation>Sitzungen und Bilder (*.lstudio *.json *.png);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1177" />
        <source>Save Session</source>
        <translation>Sitzung speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1178" />
        <source>Latent Studio sessions (*.lstudio)</source>
        <translation>Latent-Studio-Sitzungen (*.lstudio)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1190" />
        <source>Save Image</source>
        <translation>Bild speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1191" />
        <location filename="../ui/main_window.cpp" line="1204" />
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1203" />
        <source>Save Comparison Grid</source>
        <translation>Vergleichsraster speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1214" />
        <source>About Latent Studio</source>
        <translation>Über Latent Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1215" />
        <source>&lt;h3&gt;Latent Studio %1&lt;/h3&gt;&lt;p&gt;Explore the latent space of StyleGAN2-family image generators live: prompt interpolation, style mixing, prompt mixing, comparison and export.&lt;/p&gt;&lt;p&gt;Drop a model, session or image with embedded settings on the window to open it.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Latent Studio %1&lt;/h3&gt;&lt;p&gt;Erkunden Sie den latenten Raum von Bildgeneratoren der StyleGAN2-Familie live: Prompt-Interpolation, Style-Mixing, Prompt-Mixing, Vergleich und Export.&lt;/p&gt;&lt;p&gt;Ziehen Sie ein Modell, eine Sitzung oder ein Bild mit eingebetteten Einstellungen auf das Fenster, um es zu öffnen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1224" />
        <source>The language changes the next time Latent Studio starts.</source>
        <translation>Die Sprache ändert sich beim nächsten Start von Latent Studio.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1236" />
        <source>Latent Studio</source>
        <translation>Latent Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1286" />
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1291" />
        <source>%1 — Latent Studio</source>
        <translation>%1 — Latent Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1323" />
        <source>Recover Session</source>
        <translation>Sitzung wiederherstellen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="1324" />
        <source>Latent Studio did not close cleanly last time. Recover the session autosaved at %1?</source>
        <translation>Latent Studio wurde beim letzten Mal nicht ordnungsgemäß beendet. Die um %1 automatisch gespeicherte Sitzung wiederherstellen?</translation>
    </message>
</context>
<context>
    <name>lsui::PromptEdit</name>
    <message>
        <location filename="../ui/prompt_edit.cpp" line="105" />
        <source>“%1” is not in this model's vocabulary, so the model cannot read it.</source>
        <translation>„%1“ ist nicht im Wortschatz dieses Modells, daher kann das Modell es nicht lesen.</translation>
    </message>
    <message>
        <location filename="../ui/prompt_edit.cpp" line="111" />
        <source>Did you mean: %1?</source>
        <translation>Meinten Sie: %1?</translation>
    </message>
    <message>
        <location filename="../ui/prompt_edit.cpp" line="119" />
        <source>This prompt has more words than the model reads (%1); the rest is ignored.</source>
        <translation>Dieser Prompt hat mehr Wörter, als das Modell liest (%1); der Rest wird ignoriert.</translation>
    </message>
</context>
<context>
    <name>lsui::RenderService</name>
    <message>
        <location filename="../ui/render_service.cpp" line="123" />
        <source>The model could not be opened: %1</source>
        <translation>Das Modell konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/render_service.cpp" line="160" />
        <source>No model is open. Open one with File → Open Model…</source>
        <translation>Kein Modell geöffnet. Öffnen Sie eines mit Datei → Modell öffnen …</translation>
    </message>
    <message>
        <location filename="../ui/render_service.cpp" line="189" />
        <source>Rendering failed: %1</source>
        <translation>Rendern fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>lsui::SeedBox</name>
    <message>
        <location filename="../ui/seed_box.cpp" line="38" />
        <source>Previous seed</source>
        <translation>Vorheriger Seed</translation>
    </message>
    <message>
        <location filename="../ui/seed_box.cpp" line="39" />
        <source>Next seed</source>
        <translation>Nächster Seed</translation>
    </message>
    <message>
        <location filename="../ui/seed_box.cpp" line="40" />
        <source>Random seed</source>
        <translation>Zufälliger Seed</translation>
    </message>
    <message>
        <location filename="../ui/seed_box.cpp" line="41" />
        <source>Reset to %1</source>
        <translation>Auf %1 zurücksetzen</translation>
    </message>
</context>
<context>
    <name>lsui::ValueSlider</name>
    <message>
        <location filename="../ui/value_slider.cpp" line="39" />
        <source>Reset to %1</source>
        <translation>Auf %1 zurücksetzen</translation>
    </message>
</context>
<context>
    <name>studio</name>
    <message>
        <location filename="../app/studio/studio_main.cpp" line="50" />
        <source>Latent Studio: live latent-space exploration.</source>
        <translation>Latent Studio: den latenten Raum live erkunden.</translation>
    </message>
    <message>
        <location filename="../app/studio/studio_main.cpp" line="54" />
        <source>A model, session or PNG to open.</source>
        <translation>Ein zu öffnendes Modell, eine Sitzung oder ein PNG.</translation>
    </message>
    <message>
        <location filename="../app/studio/studio_main.cpp" line="57" />
        <source>Save a screenshot of the window after the first frame, then quit.</source>
        <translation>Nach dem ersten Bild ein Bildschirmfoto des Fensters speichern und beenden.</translation>
    </message>
    <message>
        <location filename="../app/studio/studio_main.cpp" line="60" />
        <source>Start without opening the default model.</source>
        <translation>Ohne das Standardmodell starten.</translation>
    </message>
    <message>
        <location filename="../app/studio/studio_main.cpp" line="62" />
        <source>Show the comparison panel at start.</source>
        <translation>Beim Start das Vergleichsfeld anzeigen.</translation>
    </message>
</context>
</TS>