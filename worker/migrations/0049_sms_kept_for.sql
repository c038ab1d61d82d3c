-- SMS turned off keeps its address, key ID, sign name and template codes (only the secret is cleared),
-- so that turning it on again takes the secret alone. Which provider they were set up for is kept with
-- them: an address and key ID kept for the county's gateway must not fill in an Aliyun setup (or the
-- other way round), as they would once the provider column is empty.
ALTER TABLE notification_settings ADD COLUMN sms_kept_for TEXT CHECK (sms_kept_for IN ('aliyun', 'gateway'));
