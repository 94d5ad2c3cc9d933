/**
 * The one zod every module validates with: `zod/mini` (functions instead of methods, so a bundle
 * keeps only the validators it calls) with English issue messages ("expected string, received
 * number" instead of mini's bare "Invalid input"). Classic `zod` is not used: its namespace
 * object pulls every validator and all ~50 locales into whatever imports it (~750 KB; ~25 ms of
 * a one-shot CLI command).
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export * from 'zod/mini';
