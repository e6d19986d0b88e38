// Runs one Messages conformance scenario with the `@anthropic-ai/sdk` npm package, as an application would write it.
//   node scenarios.mjs <scenario> <baseURL> <apiKey>     (node scenarios.mjs version prints the package version)
// baseURL is the server's root (the SDK adds /v1/messages itself). The Java recorder (TrafficRecorder) points it at
// its capture proxy and stores what this sends. Errors that the scenario provokes are expected: they are printed,
// not thrown. Keep the inputs in step with ScenarioInputs.java and AnthropicJavaRequests.java.
import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';

const MODEL = 'claude-sonnet-4-5';
const MAX_TOKENS = 1024;
const PROMPT = 'Say hello';
const WEATHER_QUESTION = 'What is the weather in Paris?';
const WEATHER_RESULT = '22 C and sunny';
const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather in a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const [scenario, baseURL, apiKey] = process.argv.slice(2);
if (scenario === 'version') {
  // The package does not export its package.json; read the installed copy.
  const installed = new URL('./node_modules/@anthropic-ai/sdk/package.json', import.meta.url);
  console.log(JSON.parse(readFileSync(installed, 'utf8')).version);
  process.exit(0);
}
const client = new Anthropic({ baseURL, apiKey, maxRetries: 0 });
const ask = (extra = {}) => ({ model: MODEL, max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: PROMPT }], ...extra });

// The SDK's stream helper: it folds the events into the message and rejects on an error event.
const streamMessage = (params) => client.messages.stream(params).finalMessage();

function requireText(message) {
  const text = message.content.filter((block) => block.type === 'text').map((block) => block.text).join('');
  if (!text) throw new Error(`no text in ${JSON.stringify(message.content)}`);
  if (!message._request_id && !message.id) throw new Error('no request id');
  return message;
}

function onlyToolUse(message) {
  const calls = message.content.filter((block) => block.type === 'tool_use');
  if (calls.length !== 1 || message.stop_reason !== 'tool_use') {
    throw new Error(`expected one tool_use in ${JSON.stringify(message)}`);
  }
  return calls[0];
}

// The assistant's turn as it came back, then the tool's result in the next user turn.
function withToolResult(call) {
  const toolUse = onlyToolUse(call);
  return {
    model: MODEL,
    max_tokens: MAX_TOKENS,
    tools: [WEATHER_TOOL],
    messages: [
      { role: 'user', content: WEATHER_QUESTION },
      { role: 'assistant', content: call.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: WEATHER_RESULT }] },
    ],
  };
}

const weatherQuestion = () => ({
  model: MODEL, max_tokens: MAX_TOKENS, tools: [WEATHER_TOOL], messages: [{ role: 'user', content: WEATHER_QUESTION }],
});

async function expectError(call, expectedClass) {
  try {
    await call();
  } catch (error) {
    if (expectedClass && !(error instanceof expectedClass)) {
      throw new Error(`expected ${expectedClass.name}, got ${error?.constructor?.name}: ${error}`);
    }
    console.log(`expected error: ${error.constructor.name} ${error.status ?? ''} ${error.error?.error?.type ?? ''} `
      + `request-id ${error.requestID ?? ''}: ${error.message}`);
    return;
  }
  throw new Error('the scenario should have failed');
}

const scenarios = {
  messages: async () => requireText(await client.messages.create(ask())),
  'messages-stream': async () => requireText(await streamMessage(ask())),
  'messages-tools': async () => requireText(await client.messages.create(withToolResult(
    await client.messages.create(weatherQuestion())))),
  'messages-tools-stream': async () => requireText(await streamMessage(withToolResult(
    await streamMessage(weatherQuestion())))),
  'messages-thinking': async () => {
    const message = await streamMessage(ask({ thinking: { type: 'enabled', budget_tokens: 1024 } }));
    if (message.content[0]?.type !== 'thinking' || !message.content[0].signature) {
      throw new Error(`expected a signed thinking block first in ${JSON.stringify(message.content)}`);
    }
    return requireText(message);
  },
  'messages-stop-sequence': async () => {
    const message = await client.messages.create(ask({ stop_sequences: ['simulator'] }));
    if (message.stop_reason !== 'stop_sequence' || message.stop_sequence !== 'simulator') {
      throw new Error(`expected a stop at the sequence: ${JSON.stringify(message)}`);
    }
  },
  'messages-count-tokens': async () => {
    const count = await client.messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: PROMPT }] });
    if (!(count.input_tokens > 0)) throw new Error(`no count in ${JSON.stringify(count)}`);
  },
  'messages-models': async () => {
    const page = await client.models.list();
    if (!page.data.some((model) => model.type === 'model' && model.id)) throw new Error('no models');
  },
  'messages-error-invalid-key': () => expectError(() =>
    new Anthropic({ baseURL, apiKey: 'sk-wrong-key', maxRetries: 0 }).messages.create(ask()), Anthropic.AuthenticationError),
  'messages-error-not-found': () => expectError(() => client.models.retrieve('no-such-model'), Anthropic.NotFoundError),
  'messages-error-quota-stream': () => expectError(() => streamMessage(ask()), Anthropic.RateLimitError),
  'messages-error-context-length': () => expectError(() => client.messages.create(ask()), Anthropic.BadRequestError),
  'messages-error-overloaded': () => expectError(() => client.messages.create(ask()), Anthropic.OverloadedError),
  'messages-error-mid-stream': () => expectError(() => streamMessage(ask()), Anthropic.APIError),
};

if (!scenarios[scenario]) {
  console.error(`unknown scenario ${scenario}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
await scenarios[scenario]();
