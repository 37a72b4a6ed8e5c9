# Export area: keyframe paths, sessions, media formats, the export job and the headless CLI.
lstudio_add_test(NAME test_keyframe_path SOURCES test_keyframe_path.cpp LABELS export LIBS lscore_engine TIMEOUT 60)
lstudio_add_test(NAME test_session SOURCES test_session.cpp LABELS export LIBS lscore_engine TIMEOUT 60)
lstudio_add_test(NAME test_media_formats SOURCES test_media_formats.cpp LABELS export
                 LIBS lsmedia GIF::GIF TIMEOUT 120)
lstudio_add_test(NAME test_export_job SOURCES test_export_job.cpp LABELS export LIBS lsmedia GIF::GIF TIMEOUT 120)
lstudio_add_test(NAME test_cli SOURCES test_cli.cpp LABELS export LIBS lsmedia Qt6::Gui TIMEOUT 240)
target_compile_definitions(test_cli PRIVATE LSTUDIO_CLI="$<TARGET_FILE:latent-studio>"
                                            LSTUDIO_LAB="$<TARGET_FILE:latent-studio-lab>")
add_dependencies(test_cli latent-studio latent-studio-lab)
lstudio_add_test(NAME test_export_widgets SOURCES test_export_widgets.cpp LABELS export LIBS lsui GUI TIMEOUT 120)
