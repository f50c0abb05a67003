/**
 * A still of what a `<video>` shows now, as a PNG at the video's own resolution (not the tile's
 * size on screen). Rejects while the video has no picture yet.
 */
export function captureStill(video: HTMLVideoElement): Promise<Blob> {
  const { videoWidth: width, videoHeight: height } = video;
  if (!width || !height) return Promise.reject(new Error('There is no picture to capture yet.'));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('This browser cannot capture a still.'));
  context.drawImage(video, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The still could not be made.'))), 'image/png'));
}
