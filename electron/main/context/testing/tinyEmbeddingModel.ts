/**
 * Writes a real, tiny sentence-embedding model (ONNX + tokenizer files) that loads through the
 * same transformers.js path as a downloaded model. For tests and benchmarks only: no network.
 *
 * The "network" is one embedding table looked up by token id (Gather), stored quantised to uint8
 * (model_quantized.onnx, DequantizeLinear) and as float (model.onnx). Each word's vector is the
 * sum of pseudo-random vectors of its character trigrams, so words spelled alike ("orders",
 * "order") get similar vectors and mean pooling gives sentences with shared words high cosine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import protobuf from 'onnx-proto';

const { onnx } = protobuf;
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

export interface TinyModelOptions {
  /** Words the tokenizer knows (lower case); others become [UNK]. */
  vocabulary: readonly string[];
  /** Vector size (default 16). */
  dimension?: number;
}

/** Creates `<parentDir>/<name>/` with config, tokenizer and ONNX files; returns the model folder. */
export function writeTinyEmbeddingModel(parentDir: string, name: string, options: TinyModelOptions): string {
  const dimension = options.dimension ?? 16;
  const vocab = [...SPECIAL_TOKENS, ...new Set(options.vocabulary.map((w) => w.toLowerCase()))];
  const table = embeddingTable(vocab, dimension);
  const folder = path.join(parentDir, name);
  fs.mkdirSync(path.join(folder, 'onnx'), { recursive: true });
  writeJson(path.join(folder, 'config.json'), { model_type: 'bert', hidden_size: dimension, vocab_size: vocab.length });
  writeJson(path.join(folder, 'tokenizer_config.json'), {
    tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 128,
    pad_token: '[PAD]', unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]',
  });
  writeJson(path.join(folder, 'tokenizer.json'), tokenizerJson(vocab));
  fs.writeFileSync(path.join(folder, 'onnx', 'model.onnx'), floatModel(table, vocab.length, dimension));
  fs.writeFileSync(path.join(folder, 'onnx', 'model_quantized.onnx'), quantisedModel(table, vocab.length, dimension));
  return folder;
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

/** Row i = unit-length sum of hashed trigram vectors of word i; special tokens are zero. */
function embeddingTable(vocab: readonly string[], dimension: number): Float32Array {
  const table = new Float32Array(vocab.length * dimension);
  vocab.forEach((word, row) => {
    if ((SPECIAL_TOKENS as readonly string[]).includes(word)) return;
    const padded = `#${word}#`;
    const vector = new Float32Array(dimension);
    for (let i = 0; i + 3 <= padded.length; i++) {
      const digest = createHash('sha256').update(padded.slice(i, i + 3)).digest();
      for (let d = 0; d < dimension; d++) vector[d] += digest[d % digest.length] / 127.5 - 1;
    }
    const norm = Math.hypot(...vector) || 1;
    for (let d = 0; d < dimension; d++) table[row * dimension + d] = vector[d] / norm;
  });
  return table;
}

function tokenizerJson(vocab: readonly string[]): unknown {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  const special = (token: string) => ({ id: token, ids: [ids[token]], tokens: [token] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => ({
      id: ids[token], content: token, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}

const INT64 = onnx.TensorProto.DataType.INT64;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const UINT8 = onnx.TensorProto.DataType.UINT8;

function tokenInput(name: string): protobuf.onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: INT64, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }] } } } };
}

/** Shared graph shell: BERT-style inputs, a `last_hidden_state` [batch, sequence, dim] output. */
function encodeModel(nodes: protobuf.onnx.INodeProto[], initializer: protobuf.onnx.ITensorProto[], dimension: number): Uint8Array {
  const graph: protobuf.onnx.IGraphProto = {
    name: 'tiny_sentence_embedder',
    node: nodes,
    initializer,
    input: [tokenInput('input_ids'), tokenInput('attention_mask'), tokenInput('token_type_ids')],
    output: [{
      name: 'last_hidden_state',
      type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }, { dimValue: dimension }] } } },
    }],
  };
  const model = onnx.ModelProto.create({ irVersion: 7, producerName: 'aiser-tiny-model', opsetImport: [{ domain: '', version: 13 }], graph });
  return onnx.ModelProto.encode(model).finish();
}

function floatModel(table: Float32Array, rows: number, dimension: number): Uint8Array {
  return encodeModel(
    [{ opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['last_hidden_state'], attribute: [{ name: 'axis', i: 0, type: onnx.AttributeProto.AttributeType.INT }] }],
    [{ name: 'embeddings', dataType: FLOAT, dims: [rows, dimension], rawData: new Uint8Array(table.buffer.slice(0)) }],
    dimension,
  );
}

/** uint8 table with one scale and zero point, dequantised after the lookup. */
function quantisedModel(table: Float32Array, rows: number, dimension: number): Uint8Array {
  const scale = 2 / 255;
  const zeroPoint = 128;
  const quantised = Uint8Array.from(table, (v) => Math.max(0, Math.min(255, Math.round(v / scale) + zeroPoint)));
  return encodeModel(
    [
      { opType: 'Gather', input: ['embeddings_q', 'input_ids'], output: ['gathered_q'], attribute: [{ name: 'axis', i: 0, type: onnx.AttributeProto.AttributeType.INT }] },
      { opType: 'DequantizeLinear', input: ['gathered_q', 'scale', 'zero_point'], output: ['last_hidden_state'] },
    ],
    [
      { name: 'embeddings_q', dataType: UINT8, dims: [rows, dimension], rawData: quantised },
      { name: 'scale', dataType: FLOAT, dims: [], floatData: [scale] },
      { name: 'zero_point', dataType: UINT8, dims: [], rawData: Uint8Array.of(zeroPoint) },
    ],
    dimension,
  );
}
