#!/usr/bin/env bash
# Step 4 ("Create User Endpoints") of the customer's recipe /work/shared/seeds/004_* (Pinpoint Mobile Push
# Notifications), copied verbatim below the marker. The test supplies PINPOINT_APP_ID, AWS_REGION and
# PINPUSH_ENDPOINT_URL; the function points every `aws` call of the recipe at Pinpush without editing its text.
set -euo pipefail
aws() { command aws "$@" --endpoint-url "${PINPUSH_ENDPOINT_URL}"; }

# ---- recipe text, unchanged ----
# Create iOS endpoint for a test user
aws pinpoint update-endpoint \
    --application-id ${PINPOINT_APP_ID} \
    --endpoint-id "ios-user-001" \
    --endpoint-request '{
        "ChannelType": "APNS",
        "Address": "device-token-ios-user-001",
        "Attributes": {
            "PlatformType": ["iOS"],
            "AppVersion": ["1.0.0"]
        },
        "Demographic": {
            "Platform": "iOS",
            "PlatformVersion": "15.0"
        },
        "Location": {
            "Country": "US",
            "City": "Seattle"
        },
        "User": {
            "UserId": "user-001",
            "UserAttributes": {
                "PurchaseHistory": ["high-value"],
                "Category": ["electronics"]
            }
        }
    }' \
    --region ${AWS_REGION}

# Create Android endpoint for a test user
aws pinpoint update-endpoint \
    --application-id ${PINPOINT_APP_ID} \
    --endpoint-id "android-user-002" \
    --endpoint-request '{
        "ChannelType": "GCM",
        "Address": "device-token-android-user-002",
        "Attributes": {
            "PlatformType": ["Android"],
            "AppVersion": ["1.0.0"]
        },
        "Demographic": {
            "Platform": "Android",
            "PlatformVersion": "12.0"
        },
        "Location": {
            "Country": "US",
            "City": "San Francisco"
        },
        "User": {
            "UserId": "user-002",
            "UserAttributes": {
                "PurchaseHistory": ["medium-value"],
                "Category": ["clothing"]
            }
        }
    }' \
    --region ${AWS_REGION}

echo "✅ Created user endpoints for iOS and Android"
