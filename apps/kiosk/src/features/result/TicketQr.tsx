import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

interface Props {
  url: string;
  label: string;
}

/** The ticket's status page as a QR code, for when the paper did not come out. */
export function TicketQr({ url, label }: Props) {
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 480 })
      .then((image) => current && setDataUrl(image))
      .catch(() => current && setDataUrl(null));
    return () => {
      current = false;
    };
  }, [url]);
  return dataUrl ? <img className="ticket-qr" src={dataUrl} alt={label} data-qr-payload={url} /> : null;
}
