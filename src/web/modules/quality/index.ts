// Nothing of quality review is used by other web modules yet.
export {};
