import { describe, expect, it } from 'vitest';
import { photoRoom, unsendable, type PhotoState } from './photo-state';

const photos = (...states: PhotoState[]) => states.map((state) => ({ state }));

describe('photos added to a message or a reply', () => {
  it('a photo that cannot be sent takes no place, and is only removed', () => {
    expect(photoRoom(photos('unreadable'), 4)).toBe(4);
    expect(photoRoom(photos('uploaded', 'refused', 'uploading', 'unreadable', 'failed'), 4)).toBe(1);
    expect(photoRoom(photos('uploaded', 'uploaded', 'uploaded', 'preparing', 'refused'), 4)).toBe(0);
    expect(photos('unreadable', 'refused', 'failed', 'uploaded').map(unsendable)).toEqual([true, true, false, false]);
  });
});
