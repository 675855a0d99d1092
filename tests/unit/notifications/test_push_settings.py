from skillwise.settings import Settings


def test_pushes_are_printed_to_the_console_unless_configured(tmp_path):
    settings = Settings.from_env({"SKILLWISE_VAR_DIR": str(tmp_path)})

    assert settings.push_backend == "console"
    assert settings.fcm_project_id is None
    assert settings.fcm_credentials_file is None
    assert settings.fcm_api_base == "https://fcm.googleapis.com"


def test_fcm_is_configured_by_the_names_in_the_contract(tmp_path):
    settings = Settings.from_env(
        {
            "SKILLWISE_VAR_DIR": str(tmp_path),
            "SKILLWISE_PUSH_BACKEND": "fcm",
            "SKILLWISE_FCM_PROJECT_ID": "skillwise-prod",
            "SKILLWISE_FCM_CREDENTIALS_FILE": "/etc/skillwise/fcm.json",
            "SKILLWISE_FCM_API_BASE": "http://127.0.0.1:9099/",
        }
    )

    assert settings.push_backend == "fcm"
    assert settings.fcm_project_id == "skillwise-prod"
    assert settings.fcm_credentials_file == "/etc/skillwise/fcm.json"
    assert settings.fcm_api_base == "http://127.0.0.1:9099"
