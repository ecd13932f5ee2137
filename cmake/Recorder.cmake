# The recorder's systemd unit and example file, in the same package as the stations (which
# does not enable it). After Packaging.cmake, which sets the unit and configuration folders.
configure_file(${PROJECT_SOURCE_DIR}/systemd/rollstation-recorder.service.in
    ${PROJECT_BINARY_DIR}/systemd/rollstation-recorder.service @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/systemd/rollstation-recorder.service
    DESTINATION ${ROLLSTATION_SYSTEMD_UNIT_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/config/recorder.yaml DESTINATION ${CMAKE_INSTALL_DATADIR}/rollstation)
