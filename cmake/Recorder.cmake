# The recorder's systemd unit and example file, in the same package as the stations (which
# does not enable it). After Packaging.cmake, which sets the unit and configuration folders.
configure_file(${PROJECT_SOURCE_DIR}/systemd/rollstation-recorder.service.in
    ${PROJECT_BINARY_DIR}/systemd/rollstation-recorder.service @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/systemd/rollstation-recorder.service
    DESTINATION ${ROLLSTATION_SYSTEMD_UNIT_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/config/recorder.yaml DESTINATION ${CMAKE_INSTALL_DATADIR}/rollstation)
# A facility broker's bridge to a chain's central broker and the central broker's own files
# (docs/recorder.md, "A chain"): examples to copy into /etc/mosquitto and edit, so they are not
# where mosquitto reads them.
install(FILES ${PROJECT_SOURCE_DIR}/config/mosquitto/bridge-to-central.conf
    ${PROJECT_SOURCE_DIR}/config/mosquitto/central.conf
    ${PROJECT_SOURCE_DIR}/config/mosquitto/central.acl
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/rollstation/examples)
