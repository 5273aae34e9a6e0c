//! Passphrase encryption through WebCrypto: AES-256-GCM under a key that PBKDF2-SHA-256
//! derives from the passphrase and a random 16-byte salt (600 000 iterations, OWASP's
//! 2023 recommendation), with a random 12-byte IV per message. Sealed text is a small
//! JSON envelope that carries everything but the passphrase (see `docs/storage.md`).

use crate::core::lang::Lang;
use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// The `format` of a sealed envelope.
pub const FORMAT_NAME: &str = "cirkelbreker-sealed";
/// PBKDF2 iterations for new keys.
pub const ITERATIONS: u32 = 600_000;
/// Envelopes asking for more iterations than this are refused (a crafted file must not
/// freeze the tab).
const MAX_ITERATIONS: u32 = 10_000_000;
const SALT_BYTES: usize = 16;
const IV_BYTES: usize = 12;
const KDF: &str = "PBKDF2-SHA-256";
const CIPHER: &str = "AES-256-GCM";

/// Why something could not be sealed or opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// The passphrase does not open the data (or the data was changed).
    WrongPassphrase,
    /// The envelope uses parameters this version does not accept.
    Unsupported(Unsupported),
    /// The page has no window (and so no WebCrypto).
    NoWindow,
    /// The browser refused (no WebCrypto, out of memory); its own message, if it gave one.
    Browser(Option<String>),
}

/// What in an envelope this version does not accept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsupported {
    /// Another format version, key derivation or cipher.
    Scheme { version: u32, kdf: String, cipher: String },
    /// An iteration count outside the accepted range.
    Iterations(u32),
    /// Salt, IV or ciphertext that is not base64.
    Base64,
    /// The stored passphrase check is not an envelope at all.
    Vault,
}

impl CryptoError {
    /// The error as the user reads it, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            CryptoError::WrongPassphrase if nl => "de wachtwoordzin klopt niet (of het bestand is beschadigd)".into(),
            CryptoError::WrongPassphrase => "the passphrase is wrong (or the file is damaged)".into(),
            CryptoError::Unsupported(what) => {
                let what = match what {
                    Unsupported::Scheme { version, kdf, cipher } if nl => format!("versie {version}, {kdf}, {cipher}"),
                    Unsupported::Scheme { version, kdf, cipher } => format!("version {version}, {kdf}, {cipher}"),
                    Unsupported::Iterations(count) if nl => format!("{count} iteraties"),
                    Unsupported::Iterations(count) => format!("{count} iterations"),
                    Unsupported::Base64 if nl => "ongeldige base64".into(),
                    Unsupported::Base64 => "invalid base64".into(),
                    Unsupported::Vault if nl => "de opgeslagen sleutelcontrole is onleesbaar".into(),
                    Unsupported::Vault => "the stored key check cannot be read".into(),
                };
                if nl {
                    format!("deze versleuteling wordt niet ondersteund: {what}")
                } else {
                    format!("this encryption is not supported: {what}")
                }
            }
            CryptoError::NoWindow if nl => "de browser kon niet versleutelen: geen browservenster".into(),
            CryptoError::NoWindow => "the browser could not encrypt: no browser window".into(),
            CryptoError::Browser(Some(reason)) if nl => format!("de browser kon niet versleutelen: {reason}"),
            CryptoError::Browser(Some(reason)) => format!("the browser could not encrypt: {reason}"),
            CryptoError::Browser(None) if nl => "de browser kon niet versleutelen".into(),
            CryptoError::Browser(None) => "the browser could not encrypt".into(),
        }
    }
}

impl From<JsValue> for CryptoError {
    fn from(value: JsValue) -> Self {
        match value.dyn_ref::<web_sys::DomException>() {
            // AES-GCM reports a failed authentication tag as OperationError.
            Some(exception) if exception.name() == "OperationError" => CryptoError::WrongPassphrase,
            Some(exception) => CryptoError::Browser(Some(exception.message())),
            None => CryptoError::Browser(value.as_string()),
        }
    }
}

/// Sealed text: the parameters to derive the key again, the IV and the ciphertext
/// (with its 16-byte GCM tag at the end), all binary fields in standard base64.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// Envelope version, 1.
    pub version: u32,
    /// Key derivation, `PBKDF2-SHA-256`.
    pub kdf: String,
    /// PBKDF2 iterations.
    pub iterations: u32,
    /// PBKDF2 salt.
    pub salt: String,
    /// Cipher, `AES-256-GCM`.
    pub cipher: String,
    /// AES-GCM nonce.
    pub iv: String,
    /// The encrypted UTF-8 text plus the tag.
    pub ciphertext: String,
}

impl Envelope {
    /// The envelope in `text`, when `text` is one (a JSON object with our `format`).
    pub fn parse(text: &str) -> Option<Envelope> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
        if !text.starts_with('{') || !text.contains(FORMAT_NAME) {
            return None;
        }
        serde_json::from_str::<Envelope>(text).ok().filter(|envelope| envelope.format == FORMAT_NAME)
    }

    /// The envelope as JSON text.
    pub fn to_json(&self) -> String {
        crate::core::json_text::pretty(self).unwrap_or_default()
    }

    /// The salt, when the envelope is one this version can open.
    ///
    /// # Errors
    /// [`CryptoError::Unsupported`] for another version, algorithm or iteration count.
    pub fn salt(&self) -> Result<Vec<u8>, CryptoError> {
        if self.version != 1 || self.kdf != KDF || self.cipher != CIPHER {
            return Err(CryptoError::Unsupported(Unsupported::Scheme {
                version: self.version,
                kdf: self.kdf.clone(),
                cipher: self.cipher.clone(),
            }));
        }
        if !(ITERATIONS..=MAX_ITERATIONS).contains(&self.iterations) {
            return Err(CryptoError::Unsupported(Unsupported::Iterations(self.iterations)));
        }
        from_base64(&self.salt)
    }
}

/// A key derived from a passphrase, with the salt and iterations it came from.
#[derive(Clone, Debug)]
pub struct Key {
    key: CryptoKey,
    salt: Vec<u8>,
    iterations: u32,
}

impl Key {
    /// The salt the key was derived with.
    pub fn salt(&self) -> &[u8] {
        &self.salt
    }
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let window = web_sys::window().ok_or(CryptoError::NoWindow)?;
    Ok(window.crypto()?.subtle())
}

/// `count` random bytes from the browser's CSPRNG.
///
/// # Errors
/// When the browser offers no `crypto`.
pub fn random_bytes(count: usize) -> Result<Vec<u8>, CryptoError> {
    let window = web_sys::window().ok_or(CryptoError::NoWindow)?;
    let mut bytes = vec![0u8; count];
    window.crypto()?.get_random_values_with_u8_array(&mut bytes)?;
    Ok(bytes)
}

/// A fresh random salt.
///
/// # Errors
/// As [`random_bytes`].
pub fn new_salt() -> Result<Vec<u8>, CryptoError> {
    random_bytes(SALT_BYTES)
}

fn object(fields: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &(*name).into(), value);
    }
    object
}

/// Derives the AES-256-GCM key of `passphrase` and `salt` (slow on purpose: about half a
/// second in Chromium on a laptop).
///
/// # Errors
/// When the browser refuses.
pub async fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> Result<Key, CryptoError> {
    let subtle = subtle()?;
    let material = Uint8Array::from(passphrase.as_bytes());
    let usages = Array::of1(&"deriveKey".into());
    let base: CryptoKey =
        JsFuture::from(subtle.import_key_with_str("raw", &material, "PBKDF2", false, &usages)?).await?.unchecked_into();
    let algorithm = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ]);
    let target = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key: CryptoKey =
        JsFuture::from(subtle.derive_key_with_object_and_object(&algorithm, &base, &target, false, &usages)?)
            .await?
            .unchecked_into();
    Ok(Key { key, salt: salt.to_vec(), iterations })
}

/// Encrypts `plaintext` under `key` with a fresh IV.
///
/// # Errors
/// When the browser refuses.
pub async fn seal(key: &Key, plaintext: &str) -> Result<Envelope, CryptoError> {
    let iv = random_bytes(IV_BYTES)?;
    let algorithm = object(&[("name", "AES-GCM".into()), ("iv", Uint8Array::from(iv.as_slice()).into())]);
    let buffer =
        JsFuture::from(subtle()?.encrypt_with_object_and_u8_array(&algorithm, &key.key, plaintext.as_bytes())?).await?;
    Ok(Envelope {
        format: FORMAT_NAME.into(),
        version: 1,
        kdf: KDF.into(),
        iterations: key.iterations,
        salt: to_base64(&key.salt)?,
        cipher: CIPHER.into(),
        iv: to_base64(&iv)?,
        ciphertext: to_base64(&Uint8Array::new(&buffer).to_vec())?,
    })
}

/// Decrypts an envelope with `key`.
///
/// # Errors
/// [`CryptoError::WrongPassphrase`] when the key does not fit (AES-GCM checks the tag,
/// so a wrong key never yields garbage), else as [`Envelope::salt`].
pub async fn open(key: &Key, envelope: &Envelope) -> Result<String, CryptoError> {
    envelope.salt()?;
    let iv = from_base64(&envelope.iv)?;
    let data = from_base64(&envelope.ciphertext)?;
    let algorithm = object(&[("name", "AES-GCM".into()), ("iv", Uint8Array::from(iv.as_slice()).into())]);
    let buffer = JsFuture::from(subtle()?.decrypt_with_object_and_u8_array(&algorithm, &key.key, &data)?).await?;
    String::from_utf8(Uint8Array::new(&buffer).to_vec()).map_err(|_| CryptoError::WrongPassphrase)
}

/// Derives the key of an envelope from `passphrase` and opens it.
///
/// # Errors
/// As [`open`].
pub async fn open_with_passphrase(passphrase: &str, envelope: &Envelope) -> Result<String, CryptoError> {
    let key = derive(passphrase, &envelope.salt()?, envelope.iterations).await?;
    open(&key, envelope).await
}

fn to_base64(bytes: &[u8]) -> Result<String, CryptoError> {
    let window = web_sys::window().ok_or(CryptoError::NoWindow)?;
    let binary: String = bytes.iter().map(|&byte| char::from(byte)).collect();
    Ok(window.btoa(&binary)?)
}

fn from_base64(text: &str) -> Result<Vec<u8>, CryptoError> {
    let window = web_sys::window().ok_or(CryptoError::NoWindow)?;
    let binary = window.atob(text).map_err(|_| CryptoError::Unsupported(Unsupported::Base64))?;
    binary.chars().map(|c| u8::try_from(u32::from(c)).map_err(|_| CryptoError::WrongPassphrase)).collect()
}
