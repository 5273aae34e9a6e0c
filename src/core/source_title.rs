//! Readable titles for the source URLs of the rules library, so a printed report lists
//! "Kamerstuk 36582-3" or "Hoe het UWV wil voorkomen dat burgers tussen wal en schip
//! vallen (nu.nl)" instead of bare addresses. The title is read from the address itself
//! (no page is fetched: nothing leaves the device): an official document number where the
//! address carries one, else the words of its last path segment, else the site's name.

use crate::core::lang::Lang;
use crate::core::text::sentence_start;

/// A source address split into what a reader needs: a title and the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceTitle {
    /// The title ("Kamerstuk 36582-3", "Hoe het UWV wil voorkomen …").
    pub title: String,
    /// The site, without `www.` ("nu.nl").
    pub site: String,
}

/// The readable title of `url` in `lang`.
///
/// # Example
/// ```
/// use cirkelbreker::core::{lang::Lang, source_title::source_title};
/// let found = source_title("https://zoek.officielebekendmakingen.nl/kst-36582-3.html", Lang::Nl);
/// assert_eq!(found.title, "Kamerstuk 36582-3");
/// let found = source_title("https://www.nu.nl/economie/6136268/hoe-het-uwv-wil-voorkomen-dat-burgers-vallen.html", Lang::Nl);
/// assert_eq!((found.title.as_str(), found.site.as_str()), ("Hoe het uwv wil voorkomen dat burgers vallen", "nu.nl"));
/// ```
pub fn source_title(url: &str, lang: Lang) -> SourceTitle {
    let rest = url.trim();
    let rest = rest.split_once("://").map_or(rest, |(_, rest)| rest);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let site = rest[..end].trim_start_matches("www.").to_string();
    let tail = &rest[end..];
    let title = document_number(&site, tail, lang).or_else(|| slug_words(tail)).unwrap_or_else(|| site.clone());
    SourceTitle { title, site }
}

/// An official document named by its number: a judgment (ECLI), a parliamentary paper, a
/// publication in the Staatscourant or a municipal gazette, a national or local regulation.
fn document_number(site: &str, tail: &str, lang: Lang) -> Option<String> {
    let named = |nl: &str, en: &str, number: &str| format!("{} {number}", lang.pick(nl, en));
    if let Some(start) = tail.find("ECLI:") {
        let ecli: String = tail[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == ':').collect();
        return Some(named("Uitspraak", "Judgment", &ecli));
    }
    let segments: Vec<&str> = tail.split(['/', '?', '#', '&', '=']).filter(|s| !s.is_empty()).collect();
    let register = |prefix: &str| segments.iter().find(|s| s.starts_with(prefix) && s.len() > prefix.len()).copied();
    if site.ends_with("officielebekendmakingen.nl") {
        let document = segments.last()?.trim_end_matches(".html").trim_end_matches(".pdf");
        let (kind, number) = document.split_once('-')?;
        let (nl, en) = match kind {
            "kst" => ("Kamerstuk", "Parliamentary paper"),
            "stcrt" => ("Staatscourant", "Government Gazette"),
            "stb" => ("Staatsblad", "Bulletin of Acts and Decrees"),
            "gmb" => ("Gemeenteblad", "Municipal gazette"),
            "ah" => ("Aanhangsel Handelingen", "Appendix to the Proceedings"),
            "h" => ("Handelingen", "Proceedings"),
            "trb" => ("Tractatenblad", "Treaty Series"),
            _ => ("Officiële bekendmaking", "Official publication"),
        };
        return Some(named(nl, en, number));
    }
    if let Some(bwbr) = register("BWBR") {
        return Some(named("Wet- en regelgeving", "Legislation", bwbr));
    }
    if let Some(cvdr) = register("CVDR") {
        return Some(named("Lokale regelgeving", "Local regulation", cvdr));
    }
    if let Some(position) = segments.iter().position(|s| *s == "kamerstuk") {
        let number: Vec<&str> = segments[position + 1..].to_vec();
        return (!number.is_empty()).then(|| named("Kamerstuk", "Parliamentary paper", &number.join("-")));
    }
    if let Some(position) = segments.iter().position(|s| ["kamervraag", "nummer", "did"].contains(s)) {
        let number = segments.get(position + 1)?;
        return Some(named("Kamerstuk", "Parliamentary paper", number));
    }
    None
}

/// Path segments that name a kind of page, not the page.
const GENERIC_SEGMENTS: [&str; 9] =
    ["index", "default", "details", "detail", "artikelen", "nieuws", "pagina", "projecten", "onderwerpen"];

/// The words of the last path segment that reads as words (a single word only in the last segment) ("hoe-het-uwv-wil-…" →
/// "Hoe het uwv wil …"), without a file extension or a trailing number.
fn slug_words(tail: &str) -> Option<String> {
    let path = tail.split(['?', '#']).next().unwrap_or_default();
    path.split('/').rev().filter(|segment| !segment.is_empty()).enumerate().find_map(|(from_end, segment)| {
        let stem = segment.rsplit_once('.').map_or(segment, |(stem, extension)| {
            if extension.chars().all(|c| c.is_ascii_alphanumeric()) && extension.len() <= 5 {
                stem
            } else {
                segment
            }
        });
        let mut words: Vec<&str> = stem.split(['-', '_', '+', '.']).filter(|word| !word.is_empty()).collect();
        // an article number or page id before or after the words is not part of the title
        while words.last().is_some_and(|word| word.chars().any(|c| c.is_ascii_digit())) {
            words.pop();
        }
        while words.first().is_some_and(|word| word.chars().any(|c| c.is_ascii_digit())) {
            words.remove(0);
        }
        let wordy = words.iter().filter(|word| word.chars().all(char::is_alphabetic)).count();
        let title = match words.as_slice() {
            [] => false,
            [word] => {
                from_end == 0
                    && word.chars().count() >= 6
                    && wordy == 1
                    && !GENERIC_SEGMENTS.contains(&word.to_lowercase().as_str())
            }
            _ => 2 * wordy >= words.len(),
        };
        title.then(|| sentence_start(&words.join(" ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(url: &str) -> String {
        source_title(url, Lang::Nl).title
    }

    #[test]
    fn official_documents_are_named_by_their_number() {
        for (url, expected) in [
            ("https://uitspraken.rechtspraak.nl/details?id=ECLI:NL:CRVB:2019:2036", "Uitspraak ECLI:NL:CRVB:2019:2036"),
            ("https://lexboost.com/rechtspraak/ECLI:NL:RBMNE:2020:5044", "Uitspraak ECLI:NL:RBMNE:2020:5044"),
            ("https://www.officielebekendmakingen.nl/gmb-2017-136061.html", "Gemeenteblad 2017-136061"),
            ("http://wetten.overheid.nl/BWBR0040481/2018-01-01", "Wet- en regelgeving BWBR0040481"),
            ("https://lokaleregelgeving.overheid.nl/CVDR329547/1?&show-wti=false", "Lokale regelgeving CVDR329547"),
            ("https://www.openkamer.org/kamerstuk/31736/4/", "Kamerstuk 31736-4"),
            ("https://berthub.eu/tkconv/document.html?nummer=2025D46545", "Kamerstuk 2025D46545"),
        ] {
            assert_eq!(title(url), expected, "{url}");
        }
        let english = source_title("https://zoek.officielebekendmakingen.nl/kst-36582-3.html", Lang::En);
        assert_eq!(english.title, "Parliamentary paper 36582-3");
    }

    #[test]
    fn other_pages_are_named_by_the_words_of_their_address_or_their_site() {
        let found = source_title(
            "https://eenvandaag.avrotros.nl/artikelen/minister-stopt-met-huisvestingsplan-om-uitbuiting-tegen-te-gaan-161833",
            Lang::Nl,
        );
        assert_eq!(found.title, "Minister stopt met huisvestingsplan om uitbuiting tegen te gaan");
        assert_eq!(found.site, "eenvandaag.avrotros.nl");
        for (url, expected) in [
            (
                "https://www.binnenlandsbestuur.nl/sociaal/achtergrond/achtergrond/essay-nieuw-perspectief-om-schulden-aan-te-pakken.9567587.lynkx",
                "Essay nieuw perspectief om schulden aan te pakken",
            ),
            ("https://www.kl.nl/projecten/kafkabrigade/", "Kafkabrigade"),
            ("https://nos.nl/artikel/2532560-cjib-wil-bevoegdheid-om-te-stoppen", "Cjib wil bevoegdheid om te stoppen"),
            ("https://www.programmasociaaldomein.nl/actueel/nieuws/2019/03/14/index", "programmasociaaldomein.nl"),
            ("https://kadv.nl/?p=10427", "kadv.nl"),
            ("not a url", "not a url"),
        ] {
            assert_eq!(title(url), expected, "{url}");
        }
    }

    #[test]
    fn every_source_of_the_library_gets_a_title_of_words() {
        let (library, _) = crate::core::rules::builtin();
        let urls = library
            .rules()
            .iter()
            .flat_map(|rule| &rule.sources)
            .chain(library.instruments().iter().flat_map(|i| &i.sources));
        for url in urls {
            let found = source_title(url, Lang::Nl);
            assert!(!found.title.is_empty() && !found.title.contains("://"), "{url} → {found:?}");
        }
    }
}
