/** The model in use, its profile and the models a server offers. */
import { z } from 'zod';
import { defineRequest, NoParams } from './define.js';

export const ToolCallStyle = z.enum(['native', 'hermes', 'json', 'xml', 'pythonic', 'text']);

export const ModelInfo = z.object({
  model: z.string().nullable(),
  baseUrl: z.string().nullable(),
  baseUrlSource: z.string(),
  available: z.array(z.string()),
  contextWindow: z.number().int().nullable(),
  contextWindowSource: z.string().optional(),
  error: z.string().optional(),
});
export const ModelGet = defineRequest('smallcode/model/get', NoParams, ModelInfo, 'The configured model, base URL and the models the server lists.');

export const ModelSetParams = z.object({ model: z.string().min(1) });
export const ModelSet = defineRequest('smallcode/model/set', ModelSetParams, ModelInfo, 'Switch the model for later tasks of this session.');

export const ProfileParams = z.object({ model: z.string().optional() }).optional();
export const ProfileResult = z.object({
  id: z.string(),
  model: z.string().nullable(),
  reason: z.string(),
  contextWindow: z.number().int(),
  toolCallStyle: ToolCallStyle,
  temperature: z.number(),
  thinking: z.object({ tags: z.array(z.string()), disable: z.string().optional() }).optional(),
  stop: z.array(z.string()),
  weaknesses: z.array(z.string()),
  store: z.string().optional(),
});
export const Profile = defineRequest('smallcode/profile', ProfileParams, ProfileResult, 'The detected model profile and why it was chosen.');

export type ModelInfoT = z.infer<typeof ModelInfo>;
export type ProfileResultT = z.infer<typeof ProfileResult>;
