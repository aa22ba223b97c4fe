export function crc32(buf: Uint8Array): number;
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number] | number[]): Buffer;
export function readPngHeader(buf: Buffer): { width: number; height: number; bitDepth: number; colourType: number };
export function writeZip(files: { name: string; data: Buffer }[]): Buffer;
export function readZip(buf: Buffer): { name: string; data: Buffer }[];
