#!/usr/bin/env bash
# Step 7 ("Create Push Campaign") of the customer's recipe /work/shared/seeds/004_*, copied below the marker with one
# edit: the two `"Sound": "default"` members (and the commas before them) are removed, since the Pinpoint model's
# campaign Message has no Sound member and the AWS CLI refuses it before sending. The test supplies PINPOINT_APP_ID,
# AWS_REGION, CAMPAIGN_NAME, SEGMENT_ID and PINPUSH_ENDPOINT_URL; the function points every `aws` call of the recipe
# at Pinpush without editing its text.
set -euo pipefail
aws() { command aws "$@" --endpoint-url "${PINPUSH_ENDPOINT_URL}"; }

# ---- recipe text, Sound removed ----
# Create a push notification campaign
aws pinpoint create-campaign \
    --application-id ${PINPOINT_APP_ID} \
    --write-campaign-request '{
        "Name": "'${CAMPAIGN_NAME}'",
        "Description": "Flash sale notification for high-value customers",
        "MessageConfiguration": {
            "APNSMessage": {
                "Action": "OPEN_APP",
                "Body": "Don'\''t miss out! Flash sale ends in 2 hours - Up to 50% off!",
                "Title": "🔥 Flash Sale Alert"
            },
            "GCMMessage": {
                "Action": "OPEN_APP",
                "Body": "Don'\''t miss out! Flash sale ends in 2 hours - Up to 50% off!",
                "Title": "🔥 Flash Sale Alert"
            },
            "DefaultMessage": {
                "Body": "Don'\''t miss out! Flash sale ends in 2 hours - Up to 50% off!"
            }
        },
        "Schedule": {
            "IsLocalTime": true,
            "QuietTime": {
                "Start": "22:00",
                "End": "08:00"
            },
            "StartTime": "IMMEDIATE",
            "Timezone": "America/New_York"
        },
        "SegmentId": "'${SEGMENT_ID}'",
        "SegmentVersion": 1
    }' \
    --region ${AWS_REGION}

# Store campaign ID
export CAMPAIGN_ID=$(aws pinpoint get-campaigns \
    --application-id ${PINPOINT_APP_ID} \
    --query 'CampaignsResponse.Item[?Name==`'${CAMPAIGN_NAME}'`].Id' \
    --output text --region ${AWS_REGION})

echo "✅ Created push campaign: ${CAMPAIGN_ID}"
