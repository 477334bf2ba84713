//! Helpers shared by the benchmarks (included with `#[path]`).

const CHARSET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [usize; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A unified social credit code with a valid GB 32100-2015 check character.
pub fn credit_code(n: usize) -> String {
    let mut body = format!("913205{:02}MA{:07}", n % 100, n);
    body.truncate(17);
    let sum: usize = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| CHARSET.iter().position(|&c| c == b).unwrap_or(0) * w)
        .sum();
    let check = (31 - sum % 31) % 31;
    body.push(CHARSET[check] as char);
    body
}

/// The median of `v` (the upper one of an even count).
pub fn median<T: Ord + Copy>(mut v: Vec<T>) -> T {
    v.sort();
    v[v.len() / 2]
}
