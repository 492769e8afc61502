import { mergeConfig } from 'vitest/config';
import base from './vite.config.ts';
export default mergeConfig(base, { resolve: process.env.VITEST ? { conditions: ['browser'] } : {} });
