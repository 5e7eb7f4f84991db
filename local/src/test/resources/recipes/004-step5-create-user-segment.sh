#!/usr/bin/env bash
# Step 5 ("Create User Segment") of the customer's recipe /work/shared/seeds/004_*, copied verbatim below the
# marker. The test supplies PINPOINT_APP_ID, AWS_REGION, SEGMENT_NAME (the recipe's "high-value-customers") and
# PINPUSH_ENDPOINT_URL; the function points every `aws` call of the recipe at Pinpush without editing its text.
set -euo pipefail
aws() { command aws "$@" --endpoint-url "${PINPUSH_ENDPOINT_URL}"; }

# ---- recipe text, unchanged ----
# Create segment for high-value customers
aws pinpoint create-segment \
    --application-id ${PINPOINT_APP_ID} \
    --write-segment-request '{
        "Name": "'${SEGMENT_NAME}'",
        "Dimensions": {
            "UserAttributes": {
                "PurchaseHistory": {
                    "AttributeType": "INCLUSIVE",
                    "Values": ["high-value"]
                }
            },
            "Demographic": {
                "Platform": {
                    "DimensionType": "INCLUSIVE",
                    "Values": ["iOS", "Android"]
                }
            }
        }
    }' \
    --region ${AWS_REGION}

# Store segment ID
export SEGMENT_ID=$(aws pinpoint get-segments \
    --application-id ${PINPOINT_APP_ID} \
    --query 'SegmentsResponse.Item[?Name==`'${SEGMENT_NAME}'`].Id' \
    --output text --region ${AWS_REGION})

echo "✅ Created user segment: ${SEGMENT_ID}"
