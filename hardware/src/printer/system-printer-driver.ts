import { execFile, spawn } from 'node:child_process';

/**
 * The driver node-thermal-printer's `printer:NAME` interface calls, backed by CUPS `lp -o raw` so no
 * native printer module is needed. The name comes from a parsed target (letters, digits, . @ - _).
 */
export const cupsDriver = {
  printDirect(job: { data: Buffer; printer: string; success: (id: string) => void; error: (e: Error) => void }): void {
    const lp = spawn('lp', ['-d', job.printer, '-o', 'raw'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    lp.stdout.on('data', (d: Buffer) => (out += d.toString()));
    lp.stderr.on('data', (d: Buffer) => (err += d.toString()));
    lp.on('error', (e) => job.error(e));
    lp.on('close', (code) => (code === 0 ? job.success(out.trim()) : job.error(new Error(err.trim() || `lp exited with ${code}`))));
    lp.stdin.end(job.data);
  },
  getPrinter(name: string): { name: string; status: string[] } | null {
    return { name, status: [] };
  },
  getPrinters(): { name: string; attributes: string[] }[] {
    return [];
  },
};

/** Whether CUPS knows the printer and accepts jobs; lpstat cannot tell paper or cover state. */
export function systemPrinterAccepts(name: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('lpstat', ['-a', name], { timeout: timeoutMs }, (error, stdout) => resolve(!error && /accepting/.test(stdout) && !/not accepting/.test(stdout)));
  });
}
