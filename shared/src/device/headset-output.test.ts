import { describe, expect, it } from 'vitest';
import { pickHeadsetOutput, type ListedDevice } from './headset-output';

const speaker: ListedDevice = { kind: 'audiooutput', deviceId: 'spk', label: 'Built-in Audio Analog Stereo' };
const headset: ListedDevice = { kind: 'audiooutput', deviceId: 'hs', label: 'Jabra EVOLVE 20 MS Analog Stereo' };
const microphone: ListedDevice = { kind: 'audioinput', deviceId: 'mic', label: 'Jabra EVOLVE 20 MS Mono' };

describe('pickHeadsetOutput', () => {
  it('finds the output whose label contains the configured name, ignoring case', () => {
    expect(pickHeadsetOutput([speaker, microphone, headset], 'jabra evolve')).toBe('hs');
  });

  it('is the loudspeaker (null) when the headset is not plugged in, when none is configured, or when labels are hidden', () => {
    expect(pickHeadsetOutput([speaker], 'Jabra')).toBeNull();
    expect(pickHeadsetOutput([speaker, headset], null)).toBeNull();
    // A page without the permission to read device names sees outputs without labels or ids.
    expect(pickHeadsetOutput([{ kind: 'audiooutput', deviceId: '', label: '' }], 'Jabra')).toBeNull();
  });

  it("never picks an input of the same headset, nor the system's default stand-in named after it", () => {
    expect(pickHeadsetOutput([microphone], 'Jabra')).toBeNull();
    const followsDefault: ListedDevice = { kind: 'audiooutput', deviceId: 'default', label: 'Default - Jabra EVOLVE 20 MS Analog Stereo' };
    expect(pickHeadsetOutput([followsDefault, speaker], 'Jabra')).toBeNull();
    expect(pickHeadsetOutput([followsDefault, speaker, headset], 'Jabra')).toBe('hs');
  });
});
