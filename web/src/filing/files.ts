// Files in the browser: read a chosen file as base64 (with its SHA-256, so the server can refuse a damaged upload)
// and hand a received file to the browser as a download.
import { CONTENT_TYPES, type ContentType } from './api';

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function sha256Hex(buffer: ArrayBuffer): Promise<string | undefined> {
  // crypto.subtle exists only in secure contexts (https, localhost); without it the server still checks the type.
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const BY_EXTENSION: Record<string, ContentType> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The accepted content type of a file (by its type, else its extension), or null when it is none of them. */
export function documentContentType(file: File): ContentType | null {
  if ((CONTENT_TYPES as readonly string[]).includes(file.type)) return file.type as ContentType;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return BY_EXTENSION[extension] ?? null;
}

export async function readFileAsBase64(file: File): Promise<{ content: string; sha256: string | undefined }> {
  const buffer = await file.arrayBuffer();
  return { content: bytesToBase64(new Uint8Array(buffer)), sha256: await sha256Hex(buffer) };
}

/** Saves a Blob under a file name via a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveBase64(content: string, fileName: string, contentType: string): void {
  saveBlob(new Blob([base64ToBytes(content)], { type: contentType }), fileName);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
