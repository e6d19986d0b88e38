// Runs one conformance scenario with the `openai` npm package, the way an application would write it.
//   node scenarios.mjs <scenario> <baseURL> <apiKey>     (node scenarios.mjs version prints the package version)
// The Java recorder (TrafficRecorder) points baseURL at its capture proxy and stores what this sends. Errors that the
// scenario provokes are expected: they are printed, not thrown. Keep the inputs in step with ScenarioInputs.java.
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';

const MODEL = 'coder-model';
const PROMPT = 'Say hello';
const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
// A 1x1 transparent PNG.
const PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
// The Responses API's function tool: flat, strict (every property required, no others).
const WEATHER_FUNCTION = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather in a city',
  strict: true,
  parameters: {
    type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false,
  },
};
const WEATHER_QUESTION = 'What is the weather in Paris?';
const WEATHER_RESULT = '22 C and sunny';
const UNKNOWN_RESPONSE_ID = 'resp_0000000000000000000000000000000000000000000000';
const GREETING_SCHEMA = {
  type: 'object',
  properties: { greeting: { type: 'string' }, language: { type: 'string' } },
  required: ['greeting', 'language'],
  additionalProperties: false,
};

const [scenario, baseURL, apiKey] = process.argv.slice(2);
if (scenario === 'version') {
  // The package does not export its package.json; read the installed copy.
  const installed = new URL('./node_modules/openai/package.json', import.meta.url);
  console.log(JSON.parse(readFileSync(installed, 'utf8')).version);
  process.exit(0);
}
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const ask = (extra = {}) => ({ model: MODEL, messages: [{ role: 'user', content: PROMPT }], ...extra });

async function drain(stream) {
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

// The SDK's stream helper: it folds the events into the response and checks their order as it goes.
async function streamResponse(params) {
  const response = await client.responses.stream(params).finalResponse();
  if (response.status !== 'completed') throw new Error(`response ${response.status}`);
  return response;
}

function onlyFunctionCall(response) {
  const calls = response.output.filter((item) => item.type === 'function_call');
  if (calls.length !== 1) throw new Error(`expected one function call in ${JSON.stringify(response.output)}`);
  return calls[0];
}

// create() adds output_text; the stream helper's finalResponse() does not (6.30.1), so read the message parts.
function requireText(response) {
  const text = response.output_text ?? response.output.filter((item) => item.type === 'message')
    .flatMap((item) => item.content).filter((part) => part.type === 'output_text').map((part) => part.text).join('');
  if (!text) throw new Error(`no text in ${JSON.stringify(response.output)}`);
  return response;
}

async function expectError(call) {
  try {
    await call();
  } catch (error) {
    console.log(`expected error: ${error.status ?? ''} ${error.code ?? ''} ${error.message}`);
    return;
  }
  throw new Error('the scenario should have failed');
}

const scenarios = {
  chat: () => client.chat.completions.create(ask()),
  stream: async () => drain(await client.chat.completions.create(ask({ stream: true }))),
  'stream-usage': async () =>
    drain(await client.chat.completions.create(ask({ stream: true, stream_options: { include_usage: true } }))),
  tools: async () => {
    const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = await client.chat.completions.create({ model: MODEL, messages, tools: [WEATHER_TOOL] });
    const call = first.choices[0].message.tool_calls[0];
    messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '22 C and sunny' });
    return client.chat.completions.create({ model: MODEL, messages, tools: [WEATHER_TOOL] });
  },
  image: () => client.chat.completions.create({
    model: MODEL,
    messages: [{
      role: 'user',
      content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image_url', image_url: { url: PNG_DATA_URL } }],
    }],
  }),
  'json-schema': () => client.chat.completions.create(ask({
    response_format: { type: 'json_schema', json_schema: { name: 'greeting', strict: true, schema: GREETING_SCHEMA } },
  })),
  embeddings: () => client.embeddings.create({ model: 'text-embedding-v4', input: ['hello world', 'bonjour'] }),
  models: () => client.models.list(),
  model: () => client.models.retrieve(MODEL),
  'error-invalid-key': () =>
    expectError(() => new OpenAI({ baseURL, apiKey: 'sk-wrong-key', maxRetries: 0 }).chat.completions.create(ask())),
  'error-model-not-found': () => expectError(() => client.models.retrieve('no-such-model')),
  'error-quota': () => expectError(() => client.chat.completions.create(ask())),
  'error-quota-stream': () => expectError(async () => drain(await client.chat.completions.create(ask({ stream: true })))),
  'error-context-length': () => expectError(() => client.chat.completions.create(ask())),
  'error-mid-stream': () => expectError(async () => drain(await client.chat.completions.create(ask({ stream: true })))),
  responses: async () => requireText(await client.responses.create({ model: MODEL, input: PROMPT })),
  'responses-stream': async () => requireText(await streamResponse({ model: MODEL, input: PROMPT })),
  'responses-tools': async () => {
    const first = await client.responses.create({ model: MODEL, input: WEATHER_QUESTION, tools: [WEATHER_FUNCTION] });
    const call = onlyFunctionCall(first);
    return requireText(await client.responses.create({
      model: MODEL,
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: WEATHER_RESULT }],
      tools: [WEATHER_FUNCTION],
    }));
  },
  'responses-tools-stateless': async () => {
    const input = [{ role: 'user', content: WEATHER_QUESTION }];
    const settings = { model: MODEL, store: false, tools: [WEATHER_FUNCTION] };
    const first = await streamResponse({ ...settings, input });
    const call = onlyFunctionCall(first);
    input.push(...first.output, { type: 'function_call_output', call_id: call.call_id, output: WEATHER_RESULT });
    return requireText(await streamResponse({ ...settings, input }));
  },
  'responses-error-quota-stream': () => expectError(() => streamResponse({ model: MODEL, input: PROMPT })),
  // Neither the event stream nor the stream helper throws for response.failed (finalResponse() resolves with the
  // response as created, status in_progress): an application finds the failure among the events.
  'responses-error-mid-stream': () => expectError(async () => {
    for await (const event of await client.responses.create({ model: MODEL, input: PROMPT, stream: true })) {
      if (event.type === 'response.failed') {
        throw new Error(`response.failed: ${event.response.error.code} ${event.response.error.message}`);
      }
    }
  }),
  'responses-error-previous-not-found': () => expectError(() =>
    client.responses.create({ model: MODEL, input: PROMPT, previous_response_id: UNKNOWN_RESPONSE_ID })),
};

if (!scenarios[scenario]) {
  console.error(`unknown scenario ${scenario}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
await scenarios[scenario]();
