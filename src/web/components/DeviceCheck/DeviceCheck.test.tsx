import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FakeDevices, type FakeTrack, installFakeDevices, removeFakeDevices, stubMediaElements } from '../../testing/fake-webrtc';
import { setup } from '../../testing/render';
import { DeviceCheck } from './DeviceCheck';
import { browserOf } from './guidance';

const UA = {
  chrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
};

function inBrowser(userAgent: string) {
  vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(userAgent);
}

function openCheck(devices: FakeDevices = {}) {
  const media = installFakeDevices(devices);
  const onJoin = vi.fn();
  const result = setup(<DeviceCheck onJoin={onJoin} />);
  return { ...result, media, onJoin };
}

const joinButton = () => screen.getByRole('button', { name: 'Join' });

afterEach(() => {
  removeFakeDevices();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('DeviceCheck', () => {
  it('shows the camera, names the devices once allowed, and joins with the camera off when asked', async () => {
    const { user, media, onJoin } = openCheck({ cameras: 2 });
    expect(await screen.findByLabelText('Your camera preview')).toBeTruthy();
    expect(media.getUserMedia).toHaveBeenCalledTimes(1);
    expect((screen.getByLabelText('Camera', { selector: 'input' }) as HTMLInputElement).value).toBe('Camera 1');
    expect((screen.getByLabelText('Microphone', { selector: 'input' }) as HTMLInputElement).value).toBe('Microphone 1');
    expect(screen.getByRole('meter', { name: 'Microphone level' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Switch camera' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    await user.click(screen.getByRole('switch', { name: 'Camera on' }));
    expect(screen.getByText('Camera off')).toBeTruthy();
    await user.click(joinButton());
    expect(onJoin).toHaveBeenCalledWith(expect.objectContaining({ camera: false, microphone: true, cameraId: 'camera-1' }));
    const { stream } = onJoin.mock.calls[0]![0] as { stream: MediaStream };
    const [camera] = stream.getVideoTracks() as unknown as FakeTrack[];
    // Handed over, disabled rather than stopped: turned on in the call it shows at once.
    expect([camera!.enabled, camera!.readyState]).toEqual([false, 'live']);
  });

  it('stops the camera and microphone when closed without joining', async () => {
    const { unmount } = openCheck();
    await screen.findByLabelText('Your camera preview');
    const media = navigator.mediaDevices as unknown as { getUserMedia: ReturnType<typeof vi.fn> };
    const opened = (await media.getUserMedia.mock.results[0]!.value) as MediaStream;
    unmount();
    expect(opened.getTracks().map((t) => t.readyState)).toEqual(['ended', 'ended']);
  });

  it('explains a refusal in the words of Chrome, and tries again once allowed', async () => {
    inBrowser(UA.chrome);
    const { user, media } = openCheck({ denied: ['audio', 'video'] });
    const notice = await screen.findByRole('alert');
    expect(within(notice).getByText('Camera and microphone blocked')).toBeTruthy();
    expect(notice.textContent).toContain('Click the camera icon at the right of the address bar');
    expect(notice.textContent).toContain('System Settings');
    expect(screen.getByText('No camera')).toBeTruthy();

    media.getUserMedia.mockImplementation(async (constraints: MediaStreamConstraints) => {
      const { stream, track } = await import('../../testing/fake-webrtc');
      return stream(...(['audio', 'video'] as const).filter((k) => constraints[k]).map((k) => track(k)));
    });
    await user.click(within(notice).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByLabelText('Your camera preview')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('tells Firefox and iPhone users where their own settings are', async () => {
    inBrowser(UA.firefox);
    const first = openCheck({ denied: ['video'] });
    expect((await screen.findByRole('alert')).textContent).toContain('crossed-out camera or microphone icon');
    // Only the camera was refused: the microphone still works.
    expect(screen.getByRole('alert').textContent).toContain('Camera blocked');
    expect(screen.getByRole('meter', { name: 'Microphone level' })).toBeTruthy();
    first.unmount();
    removeFakeDevices();

    vi.restoreAllMocks();
    inBrowser(UA.iphone);
    openCheck({ denied: ['audio', 'video'] });
    expect((await screen.findByRole('alert')).textContent).toContain('Tap "aA" in the address bar');
  });

  it('without a camera says so plainly and still joins with the microphone', async () => {
    const { user, onJoin } = openCheck({ cameras: 0 });
    const notice = await screen.findByRole('alert');
    expect(within(notice).getByText('No camera found')).toBeTruthy();
    expect(notice.textContent).toContain('join without video');
    expect((screen.getByRole('switch', { name: 'Camera on' }) as HTMLInputElement).disabled).toBe(true);
    await waitFor(() => expect((joinButton() as HTMLButtonElement).disabled).toBe(false));
    await user.click(joinButton());
    expect(onJoin).toHaveBeenCalledWith(expect.objectContaining({ camera: false, microphone: true }));
  });

  it('says when the browser cannot use media devices at all', async () => {
    stubMediaElements();
    setup(<DeviceCheck onJoin={vi.fn()} />);
    const notice = await screen.findByRole('alert');
    expect(within(notice).getByText('Video is not available in this browser')).toBeTruthy();
    expect(within(notice).queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});

describe('browserOf', () => {
  it('reads the browser whose settings to describe; every iPhone browser is Safari underneath', () => {
    expect(browserOf(UA.chrome)).toBe('chrome');
    expect(browserOf(UA.firefox)).toBe('firefox');
    expect(browserOf(UA.iphone)).toBe('ios');
    expect(browserOf('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/140.0 Mobile/15E148 Safari/604.1')).toBe('ios');
    expect(browserOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15')).toBe('safari');
    expect(browserOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15', 5)).toBe('ios');
    expect(browserOf('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Mobile Safari/537.36')).toBe('android');
    expect(browserOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36 Edg/140.0')).toBe('edge');
  });
});
