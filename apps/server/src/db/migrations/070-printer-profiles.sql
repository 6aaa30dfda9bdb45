-- Printer profiles (paper width, code pages, QR, automatic status back) live in the branch configuration,
-- by id; each kiosk names the profile of its printer. Existing kiosks, and existing configurations, get
-- "standard": the printer every kiosk had before, 80 mm paper, Windows-1257 and -1251, QR codes.
ALTER TABLE devices ADD COLUMN printer_profile TEXT NOT NULL DEFAULT 'standard';
UPDATE branch_config
   SET json = json_set(json, '$.printerProfiles',
         json('{"standard":{"paperWidthMm":80,"codePages":["WPC1257","WPC1251"],"qr":true,"autoStatusBack":false}}'))
 WHERE json_extract(json, '$.printerProfiles') IS NULL;
