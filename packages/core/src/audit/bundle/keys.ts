import * as crypto from 'node:crypto';
import { left, right, type Either } from '../../fp.js';

/**
 * The installation's Ed25519 signing key (docs/audit.md, "Keys"). A key is named by its id: the
 * SHA-256 (hex) of its public key in SPKI DER form, so a bundle says which key signed it and a
 * verifier given several public keys (after a rotation) picks the right one, without trusting any
 * name the bundle could have been given.
 */
export interface AuditSigningKey {
  readonly keyId: string;
  readonly privateKey: crypto.KeyObject;
  readonly publicKey: crypto.KeyObject;
}

export interface AuditPublicKey {
  readonly keyId: string;
  readonly publicKey: crypto.KeyObject;
}

/** A fresh key pair as PEM texts: PKCS#8 for the private key, SPKI for the public key. */
export interface AuditKeyPairPem {
  readonly keyId: string;
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

export const auditKeyId = (publicKey: crypto.KeyObject): string =>
  crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');

export const generateAuditKeyPair = (): AuditKeyPairPem => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return {
    keyId: auditKeyId(publicKey),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

/** The signing key from its PKCS#8 PEM text; a message saying what is wrong otherwise. */
export const parseAuditPrivateKey = (pem: string): Either<string, AuditSigningKey> => {
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    return left(`not a private key in PEM form (${(error as Error).message})`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') return left(`an Ed25519 key is needed, this one is ${privateKey.asymmetricKeyType ?? 'of no known type'}`);
  const publicKey = crypto.createPublicKey(privateKey);
  return right({ keyId: auditKeyId(publicKey), privateKey, publicKey });
};

/** A public key from its SPKI PEM text; a message saying what is wrong otherwise. */
export const parseAuditPublicKey = (pem: string): Either<string, AuditPublicKey> => {
  if (/PRIVATE KEY/.test(pem)) return left('this is a private key: give the public key (motcua audit keygen writes both)');
  let publicKey: crypto.KeyObject;
  try {
    publicKey = crypto.createPublicKey({ key: pem, format: 'pem' });
  } catch (error) {
    return left(`not a public key in PEM form (${(error as Error).message})`);
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') return left(`an Ed25519 key is needed, this one is ${publicKey.asymmetricKeyType ?? 'of no known type'}`);
  return right({ keyId: auditKeyId(publicKey), publicKey });
};

/** Ed25519 signature of the UTF-8 text, in lowercase hex (hex has one spelling per signature; base64 does not). */
export const signText = (key: crypto.KeyObject, text: string): string => crypto.sign(null, Buffer.from(text, 'utf8'), key).toString('hex');

export const verifyTextSignature = (key: crypto.KeyObject, text: string, signatureHex: string): boolean =>
  /^[0-9a-f]{128}$/.test(signatureHex) && crypto.verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signatureHex, 'hex'));
