/**
 * Figure 6: synthesis time of one call phrase per language, cold (espeak-ng renders it) and cached (the
 * WAV is already on disk), through the synthesizer the server uses. Floors: espeak-ng rendering the same
 * text straight to a file (cold), and reading the cached file (cached).
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CUSTOMER_LANGUAGES, demoBranchConfig, type CustomerLanguage } from '@rinda/shared';
import { announcementPhrases, createSynthesizer, detectEspeak } from '@rinda/hardware';
import { bySize, type Benchmark, type Figure } from '../bench-types';
import { againstFloor } from '../figures';
import { elapsedMs, summarize } from '../stats';

function phrase(language: CustomerLanguage, n: number): string {
  const config = { ...demoBranchConfig, branch: { ...demoBranchConfig.branch, announcementLanguages: [language] } };
  return announcementPhrases({ displayNumber: `A${String(n).padStart(3, '0')}`, counterNumber: (n % 9) + 1, language }, config)[0]!.text;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await work();
  return elapsedMs(t, process.hrtime.bigint());
}

export const speechBenchmark: Benchmark = {
  id: 'speech',
  title: '6. Speech synthesis',
  async run(ctx): Promise<Figure[]> {
    const detection = await detectEspeak();
    if (!detection.ok) throw new Error(`no speech engine: ${detection.reason}`);
    const engine = detection.engine;
    const perLanguage = bySize(ctx, { full: 12, quick: 3, tiny: 1 });
    const synthesizer = createSynthesizer(engine, mkdtempSync(join(ctx.workDir, 'speech-')));
    const rawDir = mkdtempSync(join(ctx.workDir, 'espeak-'));
    const figures: Figure[] = [];
    for (const language of CUSTOMER_LANGUAGES.filter((l) => engine.languages.includes(l))) {
      ctx.log(`${language}: ${perLanguage} phrases cold, cached, and straight from espeak-ng`);
      const texts = Array.from({ length: perLanguage }, (_, i) => phrase(language, 100 + i));
      const cold: number[] = [];
      const cached: number[] = [];
      const raw: number[] = [];
      const read: number[] = [];
      for (const [i, text] of texts.entries()) {
        raw.push(await timed(() => engine.render(text, language, join(rawDir, `${language}-${i}.wav`))));
        cold.push(await timed(() => synthesizer.synthesize(text, language)));
      }
      for (const text of texts) {
        const result = await synthesizer.synthesize(text, language);
        cached.push(await timed(() => synthesizer.synthesize(text, language)));
        read.push(await timed(() => readFile(result.path)));
      }
      const common = { section: this.title, unit: 'ms', stat: 'median' as const, target: 'measured (no target)', judge: () => null };
      figures.push(
        againstFloor({ ...common, name: `${language} cold (“${texts[0]}”)`, measured: summarize(cold), floor: summarize(raw), floorLabel: 'espeak-ng straight to a file' }),
        againstFloor({ ...common, name: `${language} cached`, measured: summarize(cached), floor: summarize(read), floorLabel: 'read the cached WAV' }),
      );
    }
    return figures;
  },
};
